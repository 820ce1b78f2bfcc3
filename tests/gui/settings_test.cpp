// The settings file: what is read, what is clamped, what is refused with a reason, where it lives,
// and that what is written reads back the same.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include "settings.h"

namespace ovlab::gui {
namespace {

TEST(Settings, ReadsEveryValue) {
    const ReadSettings read = parse_settings(R"({"zoom": 1.5, "theme": "dark", "language": "ko",
        "window_width": 1280, "window_height": 720, "maximized": true, "lesson": "iocp-echo-server",
        "timeline_shown": true})");
    EXPECT_TRUE(read.problems.empty());
    const Settings& s = read.settings;
    EXPECT_FLOAT_EQ(s.zoom, 1.5f);
    EXPECT_EQ(s.theme, ThemeKind::Dark);
    EXPECT_EQ(s.language, Language::Korean);
    EXPECT_EQ(s.window_width, 1280);
    EXPECT_EQ(s.window_height, 720);
    EXPECT_TRUE(s.maximized);
    EXPECT_EQ(s.lesson, "iocp-echo-server");
    EXPECT_TRUE(s.timeline_shown);
}

TEST(Settings, MissingValuesAndUnknownKeysKeepTheDefaults) {
    const ReadSettings read = parse_settings(R"({"zoom": 2, "from_a_newer_version": [1, 2]})");
    EXPECT_TRUE(read.problems.empty());
    Settings expected;
    expected.zoom = 2.0f;
    EXPECT_EQ(read.settings, expected);
    EXPECT_EQ(parse_settings("{}").settings, Settings{});
}

// Without a remembered size the window fills the monitor's work area instead of a fixed size.
TEST(Settings, AWindowSizeCountsAsRememberedOnlyWithBothSides) {
    EXPECT_TRUE(parse_settings(R"({"window_width": 1280, "window_height": 720})").window_size_read);
    EXPECT_FALSE(parse_settings(R"({"window_width": 1280})").window_size_read);
    EXPECT_FALSE(parse_settings(R"({"window_width": 1280, "window_height": "tall"})").window_size_read);
    EXPECT_FALSE(parse_settings("{}").window_size_read);
    EXPECT_FALSE(parse_settings("not json").window_size_read);
}

TEST(Settings, OutOfRangeValuesAreClamped) {
    const ReadSettings read = parse_settings(R"({"zoom": 12, "window_width": 10, "window_height": 1e9})");
    EXPECT_TRUE(read.problems.empty());
    EXPECT_FLOAT_EQ(read.settings.zoom, 3.0f);
    EXPECT_EQ(read.settings.window_width, kSettingsWindowMin);
    EXPECT_EQ(read.settings.window_height, kSettingsWindowMax);
    EXPECT_FLOAT_EQ(parse_settings(R"({"zoom": 0.01})").settings.zoom, 0.5f);
    EXPECT_FLOAT_EQ(parse_settings(R"({"zoom": -3})").settings.zoom, 0.5f);
}

TEST(Settings, WrongTypesAndUnknownNamesAreIgnoredOneByOneWithAReason) {
    const ReadSettings read = parse_settings(R"({"zoom": "big", "language": "fr", "theme": 3,
        "maximized": "yes", "lesson": 7, "window_width": 1400})");
    EXPECT_EQ(read.settings.zoom, 1.0f);
    EXPECT_EQ(read.settings.language, Language::English);
    EXPECT_EQ(read.settings.theme, ThemeKind::Light);
    EXPECT_FALSE(read.settings.maximized);
    EXPECT_EQ(read.settings.lesson, "");
    EXPECT_EQ(read.settings.window_width, 1400) << "the good values are kept";
    EXPECT_FALSE(read.whole_file_ignored);
    const std::vector<std::string> expected = {
        "\"zoom\" is not a number",        "\"theme\" is not a string",    "\"language\": unknown value \"fr\"",
        "\"maximized\" is not true or false", "\"lesson\" is not a string"};
    EXPECT_EQ(read.problems, expected);
}

TEST(Settings, ACorruptFileGivesTheDefaultsAndSaysWhy) {
    for (const char* corrupt : {"", "{", "{\"zoom\": 1.5,}", "\x01\x02garbage", "[1, 2]", "\"text\"", "null"}) {
        const ReadSettings read = parse_settings(corrupt);
        EXPECT_EQ(read.settings, Settings{}) << corrupt;
        EXPECT_TRUE(read.whole_file_ignored) << corrupt;
        ASSERT_EQ(read.problems.size(), 1u) << corrupt;
    }
    EXPECT_EQ(parse_settings("{").problems.front(), "not valid JSON");
    EXPECT_EQ(parse_settings("[1]").problems.front(), "not a JSON object");
}

TEST(Settings, WhatIsWrittenReadsBackTheSame) {
    Settings s;
    s.zoom = 1.75f;
    s.theme = ThemeKind::Dark;
    s.language = Language::Korean;
    s.window_width = 1366;
    s.window_height = 768;
    s.maximized = true;
    s.lesson = "completion-routine";
    s.timeline_shown = true;
    const ReadSettings read = parse_settings(settings_json(s));
    EXPECT_TRUE(read.problems.empty());
    EXPECT_EQ(read.settings, s);
}

TEST(Settings, PathFollowsXdgThenHome) {
    std::map<std::string, std::string> env;
    const auto getenv = [&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    EXPECT_FALSE(settings_path(getenv).has_value());
#ifdef _WIN32
    env["APPDATA"] = "C:\\Users\\t\\AppData\\Roaming";
    EXPECT_EQ(settings_path(getenv), std::filesystem::path(env["APPDATA"]) / "Overlapped Lab" / "settings.json");
#else
    env["HOME"] = "/home/t";
    EXPECT_EQ(settings_path(getenv), std::filesystem::path("/home/t/.config/overlapped-lab/settings.json"));
    env["XDG_CONFIG_HOME"] = "";
    EXPECT_EQ(settings_path(getenv), std::filesystem::path("/home/t/.config/overlapped-lab/settings.json"))
        << "an empty XDG_CONFIG_HOME counts as unset";
    env["XDG_CONFIG_HOME"] = "/cfg";
    EXPECT_EQ(settings_path(getenv), std::filesystem::path("/cfg/overlapped-lab/settings.json"));
#endif
}

class SettingsFile : public ::testing::Test {
protected:
    void SetUp() override {
        folder_ = std::filesystem::temp_directory_path() / ("ovlab-settings-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(folder_);
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }
    std::filesystem::path file() const { return folder_ / "overlapped-lab" / "settings.json"; }
    std::filesystem::path folder_;
};

TEST_F(SettingsFile, AMissingFileIsTheDefaultsWithoutAWord) {
    const ReadSettings read = read_settings_file(file());
    EXPECT_EQ(read.settings, Settings{});
    EXPECT_TRUE(read.problems.empty());
}

TEST_F(SettingsFile, WriteCreatesTheFolderAndLeavesNoTemporaryFile) {
    Settings s;
    s.zoom = 2.5f;
    s.lesson = "event-file-copy";
    ASSERT_EQ(write_settings_file(file(), s), std::nullopt);
    EXPECT_EQ(read_settings_file(file()).settings, s);
    for (const auto& entry : std::filesystem::directory_iterator(file().parent_path()))
        EXPECT_EQ(entry.path(), file()) << "a temporary file was left behind";
    s.zoom = 0.75f;
    ASSERT_EQ(write_settings_file(file(), s), std::nullopt) << "replaces the file";
    EXPECT_FLOAT_EQ(read_settings_file(file()).settings.zoom, 0.75f);
}

TEST_F(SettingsFile, AFolderWhereTheFileShouldBeIsReportedNotRead) {
    std::filesystem::create_directories(file());
    const ReadSettings read = read_settings_file(file());
    EXPECT_EQ(read.settings, Settings{});
    EXPECT_TRUE(read.whole_file_ignored);
    EXPECT_TRUE(write_settings_file(file(), Settings{}).has_value()) << "cannot replace a folder";
}

TEST_F(SettingsFile, ACorruptFileOnDiskIsIgnoredWithItsReason) {
    std::filesystem::create_directories(file().parent_path());
    std::ofstream(file()) << "{\"zoom\": 1.5";
    const ReadSettings read = read_settings_file(file());
    EXPECT_EQ(read.settings, Settings{});
    EXPECT_EQ(read.problems, std::vector<std::string>{"not valid JSON"});
}

}  // namespace
}  // namespace ovlab::gui
