# SPDX-License-Identifier: GPL-2.0-or-later
# The walls between the parts, built into the build.
#
# Sources include headers by their path from the repository root
# ("core/text.h", "indexer/extract/extractor.h"). Putting the root itself on
# the include path would let any file include any header, so no target
# does: each part instead publishes a view, a folder under the build tree
# holding symbolic links to its own headers only, laid out as in the source
# tree. A part sees its own view and the views of the parts it links, and
# nothing else: an include across a wall that the build does not allow is a
# compile error, not a convention.
#
#   archivist_publish_headers(archivist_enrich indexer/enrich)
#   archivist_publish_headers(archivist_indexer_run indexer/indexer.h indexer/crawl)
#
# Each path (a folder or one header, relative to the repository root) is
# linked into the view; a folder brings everything under it, so a part whose
# folder holds other parts' folders lists its own files one by one.
function(archivist_publish_headers target)
  set(view ${PROJECT_BINARY_DIR}/include/${target})
  # Laid anew at each configure, so a header a part stops publishing is
  # gone from its view (removing a link leaves what it points to).
  file(REMOVE_RECURSE ${view})
  foreach(path IN LISTS ARGN)
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${path})
      message(FATAL_ERROR "archivist_publish_headers(${target}): no ${path}")
    endif()
    get_filename_component(parent ${view}/${path} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${path} ${view}/${path} SYMBOLIC)
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${view})
  else()
    target_include_directories(${target} PUBLIC ${view})
  endif()
endfunction()

# A part's internal headers: a second view of `folder` (the whole of it),
# seen by the part's own sources, and by tests through the INTERFACE target
# <target>_internals, but by no other part.
#
#   archivist_publish_internals(archivist_engine engine)
function(archivist_publish_internals target folder)
  set(view ${PROJECT_BINARY_DIR}/include-internal/${target})
  file(REMOVE_RECURSE ${view})
  get_filename_component(parent ${view}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${view}/${folder} SYMBOLIC)
  target_include_directories(${target} PRIVATE ${view})
  add_library(${target}_internals INTERFACE)
  target_include_directories(${target}_internals INTERFACE ${view})
  target_link_libraries(${target}_internals INTERFACE ${target})
endfunction()
