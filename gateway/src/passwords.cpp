#include "ventros/gateway/passwords.hpp"

#include <sodium.h>
#include <stdexcept>

namespace ventros::gateway {
namespace {

void ensure_sodium() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium cannot initialise");
    }
}

} // namespace

std::string hash_password(std::string_view password) {
    ensure_sodium();
    std::string encoded(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(encoded.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_password(const std::string& encoded, std::string_view password) {
    ensure_sodium();
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_password_hash() {
    static const std::string decoy = hash_password("not anyone's password");
    return decoy;
}

} // namespace ventros::gateway
