#include "kafka_errors.hpp"

#include "rdkafka_handles.hpp"

#include <array>
#include <string>

namespace ventros::eventlog::detail {

bool is_retriable(rd_kafka_resp_err_t err) noexcept {
    switch (err) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS:
    case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
        return true;
    default:
        return false;
    }
}

kafka_error make_error(std::string_view context, rd_kafka_resp_err_t err, rd_kafka_t* rk) {
    if (err == RD_KAFKA_RESP_ERR__FATAL && rk != nullptr) {
        std::array<char, 512> reason{};
        const auto original = rd_kafka_fatal_error(rk, reason.data(), reason.size());
        return kafka_error{std::string{context} + ": fatal: " + rd_kafka_err2name(original) + ": " +
                               reason.data(),
                           false, true};
    }
    return kafka_error{std::string{context} + ": " + rd_kafka_err2name(err) + ": " +
                           rd_kafka_err2str(err),
                       is_retriable(err), err == RD_KAFKA_RESP_ERR__FATAL};
}

kafka_error make_error(std::string_view context, rd_kafka_error_t* error) {
    const error_handle owned{error};
    const bool fatal = rd_kafka_error_is_fatal(error) != 0;
    // An abortable transaction error is retriable once the transaction is aborted.
    const bool retriable = !fatal && (rd_kafka_error_is_retriable(error) != 0 ||
                                      rd_kafka_error_txn_requires_abort(error) != 0);
    return kafka_error{std::string{context} + ": " + rd_kafka_error_name(error) + ": " +
                           rd_kafka_error_string(error),
                       retriable, fatal};
}

void throw_if(std::string_view context, rd_kafka_resp_err_t err, rd_kafka_t* rk) {
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw make_error(context, err, rk);
    }
}

void throw_if(std::string_view context, rd_kafka_error_t* error) {
    if (error != nullptr) {
        throw make_error(context, error);
    }
}

} // namespace ventros::eventlog::detail
