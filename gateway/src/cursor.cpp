#include "cursor.hpp"

#include <sodium.h>
#include <vector>

namespace ventros::gateway {

std::string encode_cursor(std::string_view kind, std::string_view value) {
    const std::string plain = std::string(kind) + ':' + std::string(value);
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(plain.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                      plain.size(), variant);
    out.resize(out.size() - 1); // drop the terminating NUL sodium counts in
    return out;
}

std::optional<std::string> decode_cursor(std::string_view kind, std::string_view cursor) {
    if (cursor.empty() || cursor.size() > 512) {
        return std::nullopt;
    }
    std::vector<unsigned char> plain(cursor.size());
    std::size_t length = 0;
    if (sodium_base642bin(plain.data(), plain.size(), cursor.data(), cursor.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    const std::string_view text(reinterpret_cast<const char*>(plain.data()), length);
    if (text.size() <= kind.size() || !text.starts_with(kind) || text[kind.size()] != ':') {
        return std::nullopt;
    }
    return std::string(text.substr(kind.size() + 1));
}

} // namespace ventros::gateway
