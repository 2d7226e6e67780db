# Builds the `ventros` binary on Debian 12 with the same packages as scripts/deps, and
# ships it in a slim runtime image with migrations/ and schemas/. Used by compose.yaml.
# Usage: docker build -t ventros:dev .

FROM debian:12 AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       build-essential cmake ninja-build pkg-config curl ca-certificates patch \
       zlib1g-dev libzstd-dev \
       libboost1.81-dev libpqxx-dev nlohmann-json3-dev libfmt-dev doctest-dev \
       libspdlog-dev libcli11-dev libvalijson-dev prometheus-cpp-dev libsodium-dev libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# librdkafka is built from Debian's source with our patches (see scripts/librdkafka) and
# linked statically, so the runtime image needs only its dependencies.
RUN VENTROS_CACHE=/cache scripts/librdkafka \
    && VENTROS_CACHE=/cache cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    && cmake --build /build --target ventros

FROM debian:12-slim AS runtime
# The shared libraries behind the -dev packages above; curl for health checks.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       zlib1g libzstd1 libpqxx-6.4 libpq5 libfmt9 libspdlog1.10 \
       libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 libsodium23 libssl3 \
       ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin ventros
WORKDIR /app
COPY --from=build /build/app/ventros /usr/local/bin/ventros
COPY migrations/ /app/migrations/
COPY schemas/ /app/schemas/
USER ventros
ENTRYPOINT ["/usr/local/bin/ventros"]
CMD ["--help"]
