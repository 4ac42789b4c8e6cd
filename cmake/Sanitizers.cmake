# SPDX-License-Identifier: GPL-2.0-or-later
if(ARCHIVIST_SANITIZE AND ARCHIVIST_TSAN)
  message(FATAL_ERROR "ARCHIVIST_SANITIZE and ARCHIVIST_TSAN cannot be combined")
endif()
if(ARCHIVIST_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
# ThreadSanitizer: searchd's threads share the search cache, and split
# matching runs Xapian on two threads. Xapian itself is not instrumented, so
# races inside it go unseen; ours do not.
if(ARCHIVIST_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
# Fuzzing (tools/fuzz, build-fuzz/): every target compiled with libFuzzer's
# coverage instrumentation, so the fuzzer sees which branches of our code an
# input reaches, and with ASan and UBSan, so a bad read or an undefined
# operation stops it (UBSan does not recover: a report is a crash libFuzzer
# keeps). Only the fuzz targets link libFuzzer's main (tests/fuzz).
if(ARCHIVIST_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ARCHIVIST_FUZZ needs clang (CXX=clang++-14)")
  endif()
  if(ARCHIVIST_TSAN)
    message(FATAL_ERROR "ARCHIVIST_FUZZ and ARCHIVIST_TSAN cannot be combined")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -gline-tables-only)
  add_link_options(-fsanitize=address,undefined)
endif()
