// The keys of a recorded trace's event lines, shared by its writer and reader.
#pragma once

namespace ovlab::trace::field {

inline constexpr const char* kSeq = "seq";
inline constexpr const char* kTime = "t";
inline constexpr const char* kKind = "kind";
inline constexpr const char* kThread = "thread";
inline constexpr const char* kLine = "line";
inline constexpr const char* kFile = "file";
inline constexpr const char* kObject = "object";
inline constexpr const char* kA = "a";
inline constexpr const char* kB = "b";
inline constexpr const char* kC = "c";
inline constexpr const char* kName = "name";
inline constexpr const char* kNameHex = "name_hex";
inline constexpr const char* kText = "text";
inline constexpr const char* kTextHex = "text_hex";
inline constexpr const char* kEnd = "end";

}  // namespace ovlab::trace::field
