#include "ventros/eventlog/transactional_producer.hpp"

#include "kafka_conf.hpp"
#include "kafka_errors.hpp"
#include "rdkafka_handles.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

// Outcomes of append(), which the header promises are all or nothing:
//  - Anything failing before commit_transaction: the transaction is aborted (or, if the
//    abort itself times out, left for the next call to finish aborting). Nothing becomes
//    visible to read_committed readers; the error is retriable unless fatal.
//  - commit_transaction reports "requires abort" (a record failed, e.g. not enough
//    replicas): aborted as above; retriable.
//  - commit_transaction reports fatal (fenced by a newer producer with our
//    transactional.id): the client is unusable; fatal, nothing of ours can commit later.
//  - commit_transaction times out or fails otherwise: the EndTxn request may already be
//    with the coordinator, so the batch may or may not become visible. That is the one
//    uncertain outcome: thrown as neither retriable nor fatal, and the next call first
//    resumes that commit (or aborts it) before starting a new transaction. Callers learn
//    what happened by re-reading the log.

namespace ventros::eventlog {

namespace {

using clock = std::chrono::steady_clock;

// A delivery report's opaque: which batch (so late reports of an old batch are ignored)
// and which record of it.
void* encode_opaque(std::uint32_t generation, std::uint32_t index) noexcept {
    const auto bits = (static_cast<std::uintptr_t>(generation) << 32U) | index;
    return reinterpret_cast<void*>(bits);
}

// One transactional id with its own client; the producer rotates over its lanes.
struct lane {
    // What the delivery-report callback fills in for the batch in flight.
    struct batch_state {
        std::uint32_t generation = 0;
        std::vector<position>* positions = nullptr;
        std::size_t delivered = 0;
        rd_kafka_resp_err_t first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
    };

    enum class pending { none, abort, commit };

    detail::client_handle client;
    batch_state batch;
    pending unfinished = pending::none;

    static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
        auto& state = static_cast<lane*>(opaque)->batch;
        const auto bits = reinterpret_cast<std::uintptr_t>(message->_private);
        const auto generation = static_cast<std::uint32_t>(bits >> 32U);
        const auto index = static_cast<std::uint32_t>(bits & 0xffffffffU);
        if (state.positions == nullptr || generation != state.generation ||
            index >= state.positions->size()) {
            return;
        }
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (state.first_error == RD_KAFKA_RESP_ERR_NO_ERROR) {
                state.first_error = message->err;
            }
            return;
        }
        (*state.positions)[index].offset = message->offset;
        ++state.delivered;
    }

    // Finishes what an earlier failed call left open, within the deadline.
    void settle(clock::time_point deadline) {
        if (unfinished == pending::commit) {
            rd_kafka_error_t* error = rd_kafka_commit_transaction(
                client.get(), detail::to_timeout_ms(detail::remaining(deadline)));
            if (error == nullptr) {
                unfinished = pending::none;
                return;
            }
            if (rd_kafka_error_txn_requires_abort(error) == 0) {
                throw detail::make_error("finishing the previous uncertain commit", error);
            }
            rd_kafka_error_destroy(error);
            unfinished = pending::abort;
        }
        if (unfinished == pending::abort) {
            detail::throw_if("finishing the previous abort",
                             rd_kafka_abort_transaction(
                                 client.get(), detail::to_timeout_ms(detail::remaining(deadline))));
            unfinished = pending::none;
        }
    }

    // Best effort: if it fails the next call retries it through settle().
    void abort(clock::time_point deadline) {
        unfinished = pending::abort;
        // At least a moment, so an abort after a spent deadline still gets a chance.
        const auto budget = std::max(detail::remaining(deadline), std::chrono::milliseconds{500});
        if (rd_kafka_error_t* error =
                rd_kafka_abort_transaction(client.get(), detail::to_timeout_ms(budget));
            error != nullptr) {
            rd_kafka_error_destroy(error);
            return;
        }
        unfinished = pending::none;
    }

    void produce(const outgoing_record& r, void* opaque, clock::time_point deadline) {
        for (;;) {
            detail::headers_handle hs{rd_kafka_headers_new(r.hdrs.size())};
            for (const auto& h : r.hdrs) {
                rd_kafka_header_add(hs.get(), h.key.data(), static_cast<ssize_t>(h.key.size()),
                                    h.value.data(), static_cast<ssize_t>(h.value.size()));
            }
            const auto err = rd_kafka_producev(
                client.get(), RD_KAFKA_V_TOPIC(r.topic.c_str()), RD_KAFKA_V_PARTITION(r.partition),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_KEY(r.key.data(), r.key.size()),
                RD_KAFKA_V_VALUE(const_cast<char*>(r.value.data()), r.value.size()),
                RD_KAFKA_V_HEADERS(hs.get()), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                static_cast<void>(hs.release()); // the message owns them now
                return;
            }
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || clock::now() >= deadline) {
                throw detail::make_error("producing to " + r.topic + "/" +
                                             std::to_string(r.partition),
                                         err, client.get());
            }
            rd_kafka_poll(client.get(), 10); // serve delivery reports to make room
        }
    }
};

std::string lane_transactional_id(const std::string& id, int index) {
    return index == 0 ? id : id + "~" + std::to_string(index);
}

} // namespace

struct transactional_producer::impl {
    std::vector<std::unique_ptr<lane>> lanes; // stable addresses: each is a client's opaque
    std::size_t next = 0;                     // the lane of the next transaction
};

transactional_producer::transactional_producer(const kafka_config& config,
                                               const std::string& transactional_id, int lanes)
    : impl_{std::make_unique<impl>()} {
    for (int index = 0; index < std::max(lanes, 1); ++index) {
        auto conf = detail::make_conf(
            config, {
                        {"transactional.id", lane_transactional_id(transactional_id, index)},
                        {"enable.idempotence", "true"},
                        {"acks", "all"},
                        // callers already group a batch
                        {"linger.ms", "1"},
                        {"transaction.timeout.ms", "60000"},
                        // must not exceed the transaction timeout; the per-call bound
                        // comes from commit's timeout
                        {"message.timeout.ms", "30000"},
                        {"compression.type", "none"},
                        {"partitioner", "murmur2_random"},
                    });
        auto& added = *impl_->lanes.emplace_back(std::make_unique<lane>());
        rd_kafka_conf_set_dr_msg_cb(conf.get(), &lane::on_delivery);
        rd_kafka_conf_set_opaque(conf.get(), &added);
        added.client = detail::make_client(RD_KAFKA_PRODUCER, std::move(conf));
    }
}

transactional_producer::~transactional_producer() {
    if (!impl_) {
        return;
    }
    for (const auto& l : impl_->lanes) {
        if (l->client && l->unfinished == lane::pending::abort) {
            // Saves the coordinator from waiting out transaction.timeout.ms.
            if (rd_kafka_error_t* e = rd_kafka_abort_transaction(l->client.get(), 2000)) {
                rd_kafka_error_destroy(e);
            }
        }
    }
}

void transactional_producer::init(std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    for (const auto& l : impl_->lanes) {
        detail::throw_if("init_transactions",
                         rd_kafka_init_transactions(
                             l->client.get(), detail::to_timeout_ms(detail::remaining(deadline))));
    }
}

std::vector<position> transactional_producer::append(std::span<const outgoing_record> records,
                                                     std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    auto& self = *impl_->lanes[impl_->next];
    impl_->next = (impl_->next + 1) % impl_->lanes.size();
    rd_kafka_t* rk = self.client.get();
    self.settle(deadline);
    if (records.empty()) {
        return {};
    }

    std::vector<position> positions;
    positions.reserve(records.size());
    for (const auto& r : records) {
        positions.push_back({r.topic, r.partition, -1});
    }
    self.batch = lane::batch_state{.generation = self.batch.generation + 1,
                                   .positions = &positions,
                                   .delivered = 0,
                                   .first_error = RD_KAFKA_RESP_ERR_NO_ERROR};
    struct detach {
        lane& s;
        ~detach() { s.batch.positions = nullptr; }
    } detach_on_exit{self};

    detail::throw_if("begin_transaction", rd_kafka_begin_transaction(rk));
    try {
        for (std::size_t i = 0; i < records.size(); ++i) {
            self.produce(records[i],
                         encode_opaque(self.batch.generation, static_cast<std::uint32_t>(i)),
                         deadline);
        }
    } catch (const kafka_error& e) {
        self.abort(deadline);
        if (e.fatal()) {
            throw;
        }
        throw kafka_error{e.what(), true, false};
    }

    // Flushes (serving our delivery reports on this thread), then commits.
    rd_kafka_error_t* error =
        rd_kafka_commit_transaction(rk, detail::to_timeout_ms(detail::remaining(deadline)));
    if (error != nullptr) {
        const bool requires_abort = rd_kafka_error_txn_requires_abort(error) != 0;
        const bool fatal = rd_kafka_error_is_fatal(error) != 0;
        auto failure = detail::make_error("commit_transaction", error);
        if (requires_abort) {
            self.abort(deadline);
            throw failure;
        }
        if (fatal) {
            throw failure;
        }
        self.unfinished = lane::pending::commit;
        throw kafka_error{std::string{failure.what()} + " (commit outcome unknown)", false, false};
    }
    if (self.batch.first_error != RD_KAFKA_RESP_ERR_NO_ERROR ||
        self.batch.delivered != records.size()) {
        // Cannot happen after a successful commit; refuse to return made-up positions.
        throw kafka_error{"commit_transaction succeeded without a delivery report for every "
                          "record (outcome unknown)",
                          false, false};
    }
    return positions;
}

} // namespace ventros::eventlog
