#include "ventros/eventlog/group_consumer.hpp"

#include "consumer_support.hpp"
#include "kafka_conf.hpp"
#include "kafka_errors.hpp"

#include <cstring>
#include <exception>

namespace ventros::eventlog {

struct group_consumer::impl {
    callbacks cbs;
    detail::client_handle client;
    std::exception_ptr callback_failure; // from a rebalance callback, rethrown by poll
    bool closed = false;

    static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                             rd_kafka_topic_partition_list_t* partitions, void* opaque) {
        auto& self = *static_cast<impl*>(opaque);
        // C code called us: nothing may propagate, so failures wait for poll().
        try {
            self.rebalance(rk, err, partitions);
        } catch (...) {
            if (!self.callback_failure) {
                self.callback_failure = std::current_exception();
            }
        }
    }

    void rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                   rd_kafka_topic_partition_list_t* partitions) {
        // cooperative-sticky is configured, but an operator's `extra` may pick an eager
        // strategy; follow whichever protocol the group actually runs.
        const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
        const auto given = detail::from_partition_list(*partitions);
        if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            const auto starts = cbs.on_assigned ? cbs.on_assigned(given) : given;
            const auto list = detail::to_partition_list(starts);
            if (cooperative) {
                detail::throw_if("incremental_assign", rd_kafka_incremental_assign(rk, list.get()));
            } else {
                detail::throw_if("assign", rd_kafka_assign(rk, list.get()), rk);
            }
            return;
        }
        if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
            // Revoked or lost (rd_kafka_assignment_lost): either way the app must stop.
            if (cbs.on_revoked) {
                cbs.on_revoked(given);
            }
        }
        if (cooperative) {
            detail::throw_if("incremental_unassign", rd_kafka_incremental_unassign(rk, partitions));
        } else {
            detail::throw_if("unassign", rd_kafka_assign(rk, nullptr), rk);
        }
    }

    void rethrow_callback_failure() {
        if (callback_failure) {
            auto failure = std::exchange(callback_failure, nullptr);
            std::rethrow_exception(failure);
        }
    }
};

group_consumer::group_consumer(const kafka_config& config, std::string group_id,
                               std::vector<std::string> topics, callbacks cbs)
    : impl_{std::make_unique<impl>()} {
    impl_->cbs = std::move(cbs);
    auto conf =
        detail::make_conf(config, detail::consumer_settings({
                                      {"group.id", std::move(group_id)},
                                      {"partition.assignment.strategy", "cooperative-sticky"},
                                      {"auto.offset.reset", "earliest"},
                                  }));
    rd_kafka_conf_set_rebalance_cb(conf.get(), &impl::on_rebalance);
    rd_kafka_conf_set_opaque(conf.get(), impl_.get());
    impl_->client = detail::make_client(RD_KAFKA_CONSUMER, std::move(conf));
    rd_kafka_t* rk = impl_->client.get();
    rd_kafka_poll_set_consumer(rk);

    auto list = detail::make_partition_list(static_cast<int>(topics.size()));
    for (const auto& t : topics) {
        rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
    }
    detail::throw_if("subscribe", rd_kafka_subscribe(rk, list.get()), rk);
}

group_consumer::~group_consumer() {
    try {
        close();
    } catch (...) {
        // Leaving uncleanly only delays the group's rebalance until the session times out.
    }
}

std::vector<record> group_consumer::poll(std::size_t max_records,
                                         std::chrono::milliseconds timeout) {
    auto records = detail::poll_records(impl_->client.get(), max_records, timeout,
                                        [this] { impl_->rethrow_callback_failure(); });
    return records;
}

void group_consumer::seek(const partition_offset& to) {
    const auto list = detail::to_partition_list({to});
    detail::throw_if("seek", rd_kafka_seek_partitions(impl_->client.get(), list.get(), 5000));
    const auto err = list->elems[0].err;
    detail::throw_if("seek " + to.topic + "/" + std::to_string(to.partition), err);
}

std::vector<partition_offset> group_consumer::positions() {
    rd_kafka_t* rk = impl_->client.get();
    rd_kafka_topic_partition_list_t* raw = nullptr;
    detail::throw_if("assignment", rd_kafka_assignment(rk, &raw), rk);
    const detail::partition_list_handle assigned{raw};
    detail::throw_if("position", rd_kafka_position(rk, assigned.get()));
    auto out = detail::from_partition_list(*assigned);
    std::erase_if(out, [](const partition_offset& p) { return p.offset < 0; });
    return out;
}

// One ListOffsets round trip per assigned partition: exact read_committed ends, meant for
// lag metrics sampled every few seconds rather than per poll.
std::vector<partition_offset> group_consumer::end_offsets(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    rd_kafka_t* rk = impl_->client.get();
    rd_kafka_topic_partition_list_t* raw = nullptr;
    detail::throw_if("assignment", rd_kafka_assignment(rk, &raw), rk);
    const detail::partition_list_handle assigned{raw};
    auto out = detail::from_partition_list(*assigned);
    for (auto& p : out) {
        p.offset =
            detail::query_watermarks(rk, p.topic, p.partition, detail::remaining(deadline)).second;
    }
    return out;
}

void group_consumer::close() {
    if (impl_->closed) {
        return;
    }
    impl_->closed = true;
    // Runs the final revoke callback; bounded by librdkafka's rebalance/session timeouts.
    detail::throw_if("consumer_close", rd_kafka_consumer_close(impl_->client.get()),
                     impl_->client.get());
    impl_->rethrow_callback_failure();
}

} // namespace ventros::eventlog
