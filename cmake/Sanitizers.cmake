# SPDX-License-Identifier: GPL-2.0-or-later
if(ARCHIVIST_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
