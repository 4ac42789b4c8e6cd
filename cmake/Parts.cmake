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
  foreach(path IN LISTS ARGN)
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${path})
      message(FATAL_ERROR "archivist_publish_headers(${target}): no ${path}")
    endif()
    get_filename_component(parent ${view}/${path} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    if(NOT IS_SYMLINK ${view}/${path})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${path} ${view}/${path} SYMBOLIC)
    endif()
  endforeach()
  target_include_directories(${target} PUBLIC ${view})
endfunction()
