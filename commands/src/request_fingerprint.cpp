#include "ventros/commands/write_request.hpp"

#include <array>
#include <sodium.h>

namespace ventros::commands {

std::string request_fingerprint(std::string_view method, std::string_view target,
                                std::string_view body) {
    std::array<unsigned char, 16> digest{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, digest.size());
    // Length-prefix each part so ("ab","c") and ("a","bc") differ.
    for (const std::string_view part : {method, target, body}) {
        const auto length = static_cast<std::uint64_t>(part.size());
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&length),
                                  sizeof length);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
    }
    crypto_generichash_final(&state, digest.data(), digest.size());
    std::string hex(digest.size() * 2, '0');
    sodium_bin2hex(hex.data(), hex.size() + 1, digest.data(), digest.size());
    return hex;
}

} // namespace ventros::commands
