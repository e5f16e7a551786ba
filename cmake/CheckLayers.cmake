# The layering check (DESIGN.md: "Layering is enforced, not hoped for").
#
#   cmake -DROOT=<source dir> -DSTAGES=<stage:dep,dep|...> -DCLI_MAY_USE=<stage,...>
#         -P cmake/CheckLayers.cmake
#
# STAGES is the table of CMakeLists.txt: each pipeline stage (a folder of src/) with the stages
# it may use. A file of src/<stage>/ (src/*.cc belongs to `api`) may include its own stage's
# headers, the public headers (portcullis/...) and the headers of the stages below it (the
# declared ones and what they may use in turn); a file of cli/ may include the stages in
# CLI_MAY_USE. Any other `#include "<stage>/..."` stops the build with one line per offence.
cmake_minimum_required(VERSION 3.25)

if(NOT ROOT OR NOT STAGES)
  message(FATAL_ERROR "CheckLayers.cmake: ROOT and STAGES are required")
endif()

string(REPLACE "|" ";" STAGES "${STAGES}")
set(all_stages)
foreach(entry ${STAGES})
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 stage)
  list(APPEND all_stages ${stage})
  list(LENGTH parts n)
  set(direct_${stage})
  if(n GREATER 1)
    list(GET parts 1 deps)
    string(REPLACE "," ";" direct_${stage} "${deps}")
  endif()
endforeach()

# Transitive closure; stages are listed lowest first, so each one's deps are already closed.
foreach(stage ${all_stages})
  set(closed_${stage})
  foreach(dep ${direct_${stage}})
    list(FIND all_stages ${dep} known)
    if(known EQUAL -1)
      message(FATAL_ERROR "CheckLayers.cmake: stage ${stage} uses unknown stage ${dep}")
    endif()
    list(APPEND closed_${stage} ${dep} ${closed_${dep}})
  endforeach()
  list(REMOVE_DUPLICATES closed_${stage})
endforeach()

set(offences)
# Checks `file`, which may include headers of `allowed` (a list of stages).
function(check_file file owner allowed)
  file(STRINGS ${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${lines})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" header "${line}")
    string(REGEX MATCH "^[^/]+" top "${header}")
    if(NOT header MATCHES "/")
      continue()
    endif()
    list(FIND all_stages ${top} is_stage)
    if(is_stage EQUAL -1 OR top STREQUAL owner)
      continue()
    endif()
    list(FIND allowed ${top} ok)
    if(ok EQUAL -1)
      file(RELATIVE_PATH rel ${ROOT} ${file})
      string(REPLACE ";" ", " allowed_text "${allowed}")
      if(allowed_text STREQUAL "")
        set(allowed_text "no other stage")
      endif()
      set(offences "${offences}\n  ${rel} includes ${header}: ${owner} may use ${allowed_text}"
          PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

foreach(stage ${all_stages})
  file(GLOB_RECURSE files ${ROOT}/src/${stage}/*.h ${ROOT}/src/${stage}/*.cc)
  if(stage STREQUAL "api")
    file(GLOB top_files ${ROOT}/src/*.h ${ROOT}/src/*.cc)
    list(APPEND files ${top_files})
  endif()
  foreach(f ${files})
    check_file(${f} ${stage} "${closed_${stage}}")
  endforeach()
endforeach()

# Folders of src/ that are not in the table are a mistake too: their files would be in no
# library, or in one that nothing checks.
file(GLOB entries LIST_DIRECTORIES true ${ROOT}/src/*)
foreach(entry ${entries})
  if(IS_DIRECTORY ${entry})
    get_filename_component(name ${entry} NAME)
    list(FIND all_stages ${name} known)
    if(known EQUAL -1)
      set(offences "${offences}\n  src/${name}/ is not a stage of the layering table")
    endif()
  endif()
endforeach()

if(CLI_MAY_USE)
  string(REPLACE "," ";" cli_allowed "${CLI_MAY_USE}")
  file(GLOB cli_files ${ROOT}/cli/*.h ${ROOT}/cli/*.cc)
  foreach(f ${cli_files})
    check_file(${f} cli "${cli_allowed}")
  endforeach()
endif()

if(offences)
  message(FATAL_ERROR "layering: a stage includes a stage above it (CMakeLists.txt, "
                      "PORTCULLIS_STAGES):${offences}")
endif()
