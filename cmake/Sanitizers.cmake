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
