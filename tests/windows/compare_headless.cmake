cmake_minimum_required(VERSION 3.25)  # policies for this script (IN_LIST and others)
# Runs one lesson headless natively and under Wine; both must exit 0, and their transcripts must
# be the same once normalise_transcript has removed what Windows may legitimately do differently.
include(${CMAKE_CURRENT_LIST_DIR}/wine.cmake)
execute_process(COMMAND ${NATIVE} --lesson ${LESSON} --headless
    OUTPUT_FILE ${OUT_DIR}/${LESSON}.native.txt ERROR_VARIABLE native_errors RESULT_VARIABLE native_result)
if(NOT native_result EQUAL 0)
    message(FATAL_ERROR "native ${LESSON} --headless exited with ${native_result}:\n${native_errors}")
endif()
wine_run(windows windows_result ${WINDOWS_EXE} --lesson ${LESSON} --headless)
file(WRITE ${OUT_DIR}/${LESSON}.windows.txt "${windows}")
if(NOT windows_result EQUAL 0)
    message(FATAL_ERROR "overlapped-lab.exe --lesson ${LESSON} --headless under Wine exited with ${windows_result}:\n"
                        "${wine_errors}\ntranscript: ${OUT_DIR}/${LESSON}.windows.txt")
endif()
foreach(side native windows)
    execute_process(COMMAND ${NORMALISER}
        INPUT_FILE ${OUT_DIR}/${LESSON}.${side}.txt OUTPUT_FILE ${OUT_DIR}/${LESSON}.${side}.normalised.txt
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "normalise_transcript failed on the ${side} transcript")
    endif()
endforeach()
file(READ ${OUT_DIR}/${LESSON}.native.normalised.txt native)
file(READ ${OUT_DIR}/${LESSON}.windows.normalised.txt windows)
# Calls without a dedicated Windows wrapper are recorded by the generic one (argument source text,
# a bare return value), so such a lesson cannot match yet: its difference is reported, not failed.
file(READ ${DEDICATED_HEADER} header)
string(REGEX MATCHALL "Traced<\"[A-Za-z0-9_]+\">" dedicated "${header}")
string(REGEX MATCHALL "  -> [A-Za-z0-9_]+\\(" calls "${windows}")
set(generic "")
foreach(call ${calls})
    string(REGEX REPLACE "  -> ([A-Za-z0-9_]+)\\(" "\\1" api "${call}")
    if(NOT "Traced<\"${api}\">" IN_LIST dedicated)
        list(APPEND generic ${api})
    endif()
endforeach()
list(REMOVE_DUPLICATES generic)
if(NOT native STREQUAL windows)
    execute_process(COMMAND diff -u ${OUT_DIR}/${LESSON}.native.normalised.txt ${OUT_DIR}/${LESSON}.windows.normalised.txt
        OUTPUT_VARIABLE difference)
    # Wine wakes completion-port waiters in another order (section 16.2): compare the work done.
    if(windows MATCHES "[^\n]+  line [0-9]+  -> GetQueuedCompletionStatus\\(")
        foreach(side native windows)
            execute_process(COMMAND ${NORMALISER} --pool-port-workers
                INPUT_FILE ${OUT_DIR}/${LESSON}.${side}.txt OUTPUT_FILE ${OUT_DIR}/${LESSON}.${side}.pooled.txt)
        endforeach()
        file(READ ${OUT_DIR}/${LESSON}.native.pooled.txt native_pooled)
        file(READ ${OUT_DIR}/${LESSON}.windows.pooled.txt windows_pooled)
        if(native_pooled STREQUAL windows_pooled)
            message(STATUS "EXPECTED DIVERGENCE (Wine 8.0, docs/windows-rules.md 16.2): ${LESSON}'s completion-port "
                           "workers took the packets in another order; the work done matches:\n${difference}")
            return()
        endif()
    endif()
    if(generic)
        list(JOIN generic ", " generic_text)
        message(STATUS "NOT COMPARED STRICTLY: ${LESSON} calls ${generic_text} through the generic Windows wrapper "
                       "(no dedicated one in runtime/win32 yet), so its transcript differs:\n${difference}")
        return()
    endif()
    message(FATAL_ERROR "the Windows (Wine) transcript of ${LESSON} differs from the native one after "
                        "normalising:\n${difference}\nfull transcripts: ${OUT_DIR}/${LESSON}.{native,windows}.txt")
endif()
message(STATUS "${LESSON}: the Windows transcript matches the native one (normalised)")
