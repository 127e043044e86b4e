# CMake toolchain file for Yolk: cmake -DCMAKE_TOOLCHAIN_FILE=PATH/yolk.cmake ...
# The C compiler is `yolk cc` (as yolk-cc, one word): musl-gcc with Yolk's headers, whose final
# link of a program writes a static musl program (it runs on this host, so try_run answers
# truly) and, next to it, PROGRAM.elf, the bootable Yolk image (see yolk cc --help).
# No CMAKE_SYSTEM_NAME: the programs run on this host, so this is no cross build and try_run
# runs them.
get_filename_component(_yolk_dir "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
if(EXISTS "${_yolk_dir}/yolk-cc")
  set(CMAKE_C_COMPILER "${_yolk_dir}/yolk-cc")
else()
  # Installed: PREFIX/lib/yolk/yolk.cmake beside PREFIX/bin/yolk-cc.
  set(CMAKE_C_COMPILER "${_yolk_dir}/../../bin/yolk-cc")
endif()
# Programs are static; libraries are archives (a Yolk image is one static program).
set(BUILD_SHARED_LIBS OFF CACHE BOOL "Yolk images link static archives")
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
