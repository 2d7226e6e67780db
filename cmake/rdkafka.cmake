# Defines `ventros::rdkafka`: the librdkafka built by scripts/librdkafka (Debian's 2.0.2 with
# the patches in third_party/librdkafka/, see that script for why), or, when that build is
# missing, the system's librdkafka with a warning.
file(READ "${PROJECT_SOURCE_DIR}/third_party/librdkafka/build-id" _rdkafka_build_id)
string(STRIP "${_rdkafka_build_id}" _rdkafka_build_id)
if(DEFINED ENV{VENTROS_CACHE})
  set(_ventros_cache "$ENV{VENTROS_CACHE}")
else()
  set(_ventros_cache "$ENV{HOME}/.cache/ventros")
endif()
# Not a cache default: a new build id must reach existing build directories. Pass
# -DVENTROS_RDKAFKA_PREFIX=... to use another install.
if(NOT VENTROS_RDKAFKA_PREFIX)
  set(VENTROS_RDKAFKA_PREFIX "${_ventros_cache}/librdkafka-${_rdkafka_build_id}")
endif()

# find_package caches where it found the package; forget a previous build id's install.
string(FIND "${RdKafka_DIR}" "${VENTROS_RDKAFKA_PREFIX}/" _rdkafka_dir_at)
if(NOT _rdkafka_dir_at EQUAL 0)
  unset(RdKafka_DIR CACHE)
endif()
find_package(RdKafka CONFIG PATHS "${VENTROS_RDKAFKA_PREFIX}" NO_DEFAULT_PATH)
add_library(ventros_rdkafka INTERFACE)
add_library(ventros::rdkafka ALIAS ventros_rdkafka)
if(RdKafka_FOUND)
  message(STATUS "librdkafka: ${VENTROS_RDKAFKA_PREFIX} (patched ${_rdkafka_build_id})")
  target_link_libraries(ventros_rdkafka INTERFACE RdKafka::rdkafka)
else()
  message(WARNING "librdkafka: the patched build is missing from ${VENTROS_RDKAFKA_PREFIX} "
                  "(run scripts/librdkafka); using the system's, whose producer busy-waits "
                  "and costs about twice the CPU per command")
  pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
  target_link_libraries(ventros_rdkafka INTERFACE PkgConfig::RDKAFKA)
endif()
