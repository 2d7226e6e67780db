#pragma once

namespace ventros::domain {

/// Builds one visitor out of several lambdas, for `std::visit`.
template <class... Lambdas>
struct overloaded : Lambdas... {
    using Lambdas::operator()...;
};
// Implied in C++20, but Clang < 17 (the fuzz build) needs it spelled out.
template <class... Lambdas>
overloaded(Lambdas...) -> overloaded<Lambdas...>;

} // namespace ventros::domain
