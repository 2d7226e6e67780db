# ventros_component(<folder> DEPS <public deps...>)
# One static library per folder: public headers in <folder>/include, sources in <folder>/src.
function(ventros_component folder)
  cmake_parse_arguments(arg "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  set(target ventros_${folder})
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${arg_DEPS} PRIVATE ventros_warnings)
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
endfunction()
