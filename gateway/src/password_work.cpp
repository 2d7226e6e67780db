#include "password_work.hpp"

#include "ventros/gateway/passwords.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ventros::gateway {
namespace {

namespace asio = boost::asio;

/// Two threads: each hash holds 64 MiB while it runs, so this also bounds memory.
asio::thread_pool& password_pool() {
    static asio::thread_pool pool(2);
    return pool;
}

} // namespace

asio::awaitable<std::string> hash_password_off_thread(std::string password) {
    auto work = [password = std::move(password)]() -> asio::awaitable<std::string> {
        co_return hash_password(password);
    };
    co_return co_await asio::co_spawn(password_pool(), std::move(work), asio::use_awaitable);
}

asio::awaitable<bool> verify_password_off_thread(std::optional<std::string> encoded,
                                                 std::string password) {
    auto work = [encoded = std::move(encoded),
                 password = std::move(password)]() -> asio::awaitable<bool> {
        co_return verify_password(encoded.value_or(decoy_password_hash()), password) &&
            encoded.has_value();
    };
    co_return co_await asio::co_spawn(password_pool(), std::move(work), asio::use_awaitable);
}

} // namespace ventros::gateway
