# SPDX-License-Identifier: GPL-2.0-or-later
# Warnings live on an interface target that every project target links privately,
# so they never leak into the flags of code that merely includes our headers.
add_library(archivist_warnings INTERFACE)
target_compile_options(archivist_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(ARCHIVIST_WERROR)
  target_compile_options(archivist_warnings INTERFACE -Werror)
endif()
