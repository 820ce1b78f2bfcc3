// The inspector's hex view: an x64 OVERLAPPED's 32 bytes, little-endian, and which bytes changed.
#include <gtest/gtest.h>

#include "ovlab/status_codes.h"
#include "overlapped_bytes.h"

namespace ovlab::gui {
namespace {

using trace::OverlappedField;

trace::OverlappedView sample() {
    trace::OverlappedView ov;
    ov.value[static_cast<size_t>(OverlappedField::Internal)] = kStatusPending;
    ov.value[static_cast<size_t>(OverlappedField::InternalHigh)] = 0;
    ov.value[static_cast<size_t>(OverlappedField::Offset)] = 0x00001000;
    ov.value[static_cast<size_t>(OverlappedField::OffsetHigh)] = 0x2;
    ov.value[static_cast<size_t>(OverlappedField::hEvent)] = 0x8;
    return ov;
}

TEST(OverlappedBytes, LaysFieldsOutLittleEndianAtX64Offsets) {
    const OverlappedBytes bytes = overlapped_bytes(sample(), {});
    EXPECT_EQ(bytes.value[0], 0x03);
    EXPECT_EQ(bytes.value[1], 0x01);
    EXPECT_EQ(bytes.value[7], 0x00);
    EXPECT_EQ(bytes.value[16], 0x00);
    EXPECT_EQ(bytes.value[17], 0x10);
    EXPECT_EQ(bytes.value[20], 0x02);
    EXPECT_EQ(bytes.value[24], 0x08);
    for (bool changed : bytes.changed) EXPECT_FALSE(changed);
}

TEST(OverlappedBytes, OnlyBytesThatDifferFromBeforeTheStepAreChanged) {
    trace::OverlappedView ov = sample();
    ov.value[static_cast<size_t>(OverlappedField::Internal)] = 0;
    ov.value[static_cast<size_t>(OverlappedField::InternalHigh)] = 4096;
    std::array<std::optional<uint64_t>, 5> before;
    before[static_cast<size_t>(OverlappedField::Internal)] = kStatusPending;  // -> STATUS_SUCCESS
    before[static_cast<size_t>(OverlappedField::InternalHigh)] = 0;              // 0 -> 4096 (0x1000)
    const OverlappedBytes bytes = overlapped_bytes(ov, before);
    EXPECT_TRUE(bytes.changed[0]);
    EXPECT_TRUE(bytes.changed[1]);
    EXPECT_FALSE(bytes.changed[2]);
    EXPECT_FALSE(bytes.changed[8]);
    EXPECT_TRUE(bytes.changed[9]);
    EXPECT_FALSE(bytes.changed[24]);
}

TEST(OverlappedBytes, LayoutCoversTheStructureOnce) {
    size_t next = 0;
    for (const FieldBytes& field : kOverlappedLayout) {
        EXPECT_EQ(field.offset, next);
        next += field.size;
    }
    EXPECT_EQ(next, kOverlappedSize);
}

TEST(EmbeddingStruct, MemberOfAPointedToOrNamedStruct) {
    const std::optional<EmbeddingStruct> arrow = embedding_struct("request->ov");
    ASSERT_TRUE(arrow);
    EXPECT_EQ(arrow->object, "*request");
    EXPECT_EQ(arrow->member, "ov");
    const std::optional<EmbeddingStruct> dot = embedding_struct("reads[1].ov");
    ASSERT_TRUE(dot);
    EXPECT_EQ(dot->object, "reads[1]");
    EXPECT_EQ(dot->member, "ov");
}

TEST(EmbeddingStruct, PlainVariablesAndArrayElementsAreNotEmbedded) {
    EXPECT_FALSE(embedding_struct("ov"));
    EXPECT_FALSE(embedding_struct("reads[1]"));
    EXPECT_FALSE(embedding_struct("OVERLAPPED #2"));
    EXPECT_FALSE(embedding_struct("ctx->reads[i]"));
}

}  // namespace
}  // namespace ovlab::gui
