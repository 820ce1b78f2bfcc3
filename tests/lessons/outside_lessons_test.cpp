// Lessons of one's own: the folder scan finds the good lessons, and every folder that is not one is
// left out with one line naming it and why.
#include <gtest/gtest.h>

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "outside_lessons.h"

namespace ovlab::lessons {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLessonJson = R"({
  "title": {"en": "Mine", "ko": "내 레슨"},
  "program": "mine.cpp",
  "check": {"exit_zero_means": {"en": "it worked", "ko": "잘 된 것"}}
})";

class OutsideLessons : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("ovlab-outside-lessons-" + std::to_string(getpid()));
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    static void write(const fs::path& path, const std::string& text) {
        fs::create_directories(path.parent_path());
        std::ofstream(path) << text;
    }
    // A lesson folder as ovlab_add_lab_lesson leaves it: lesson.json and the program named after it.
    fs::path lesson(const std::string& id, const std::string& json = kLessonJson, bool with_program = true) {
        const fs::path folder = root_ / "lessons" / id;
        write(folder / "lesson.json", json);
        if (with_program) write(folder / id, "");
        return folder;
    }

    fs::path root_;
};

TEST_F(OutsideLessons, FindsTheLessonsOfAFolderInOrder) {
    lesson("second", std::string(kLessonJson).replace(1, 0, R"("order": 2,)"));
    lesson("first", std::string(kLessonJson).replace(1, 0, R"("order": 1,)"));
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "lessons"}, {});
    EXPECT_TRUE(scan.errors.empty()) << scan.errors.front().en;
    ASSERT_EQ(scan.lessons.size(), 2u);
    EXPECT_EQ(scan.lessons[0].id, "first");
    EXPECT_EQ(scan.lessons[1].id, "second");
    EXPECT_EQ(scan.lessons[0].executable, root_ / "lessons" / "first" / "first");
    EXPECT_EQ(scan.lessons[0].metadata.title.ko, "내 레슨");
}

TEST_F(OutsideLessons, AFolderMayBeOneLesson) {
    const fs::path folder = lesson("mine");
    const OutsideLessonScan scan = scan_lesson_folders({folder / ""}, {});
    ASSERT_EQ(scan.lessons.size(), 1u);
    EXPECT_EQ(scan.lessons[0].id, "mine");
}

TEST_F(OutsideLessons, AMissingFolderIsOneLine) {
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "nowhere"}, {});
    EXPECT_TRUE(scan.lessons.empty());
    ASSERT_EQ(scan.errors.size(), 1u);
    EXPECT_NE(scan.errors[0].en.find("nowhere: lessons folder not found"), std::string::npos) << scan.errors[0].en;
}

TEST_F(OutsideLessons, AFolderWithoutLessonJsonIsOneLine) {
    write(root_ / "empty" / "notes" / "readme.txt", "no lesson here");
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "empty"}, {});
    EXPECT_TRUE(scan.lessons.empty());
    ASSERT_EQ(scan.errors.size(), 1u);
    EXPECT_NE(scan.errors[0].en.find("no lesson.json in it or in its folders"), std::string::npos) << scan.errors[0].en;
}

TEST_F(OutsideLessons, ACorruptLessonJsonIsLeftOutAndTheOthersStay) {
    lesson("broken", "{\n  \"title\": {\"en\": \"x\",\n");
    lesson("good");
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "lessons"}, {});
    ASSERT_EQ(scan.lessons.size(), 1u);
    EXPECT_EQ(scan.lessons[0].id, "good");
    ASSERT_EQ(scan.errors.size(), 1u);
    EXPECT_NE(scan.errors[0].en.find((root_ / "lessons" / "broken" / "lesson.json").string() + ":"), std::string::npos)
        << scan.errors[0].en;
    EXPECT_NE(scan.errors[0].en.find("not valid JSON"), std::string::npos) << scan.errors[0].en;
}

TEST_F(OutsideLessons, ALessonWithoutItsProgramIsOneLine) {
    lesson("unbuilt", kLessonJson, false);
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "lessons"}, {});
    EXPECT_TRUE(scan.lessons.empty());
    ASSERT_EQ(scan.errors.size(), 1u);
    EXPECT_NE(scan.errors[0].en.find("unbuilt/unbuilt: the lesson's program is missing: build the lesson with "
                                  "ovlab_add_lab_lesson"),
              std::string::npos)
        << scan.errors[0].en;
}

TEST_F(OutsideLessons, AnIdAlreadyListedIsOneLine) {
    lesson("event-file-copy");
    lesson("mine");
    const fs::path again = root_ / "again";
    fs::create_directories(again);
    fs::copy(root_ / "lessons" / "mine", again / "mine");
    const OutsideLessonScan scan = scan_lesson_folders({root_ / "lessons", again}, {"event-file-copy"});
    ASSERT_EQ(scan.lessons.size(), 1u);
    EXPECT_EQ(scan.lessons[0].folder, root_ / "lessons" / "mine");
    ASSERT_EQ(scan.errors.size(), 2u);
    EXPECT_NE(scan.errors[0].en.find("the lesson id 'event-file-copy' is already in the list"), std::string::npos)
        << scan.errors[0].en;
    EXPECT_NE(scan.errors[1].en.find("again/mine: the lesson id 'mine' is already in the list"), std::string::npos)
        << scan.errors[1].en;
}

// A folder the student may not list (no read permission): it is a folder, so the scan tries to list
// it and says it cannot. Root reads every folder, so as root the scan runs in a child that has become
// an ordinary user (nobody), as a student is.
TEST_F(OutsideLessons, AFolderThatCannotBeListedIsOneLine) {
    const fs::path locked = root_ / "locked";
    fs::create_directories(locked);
    fs::permissions(root_, fs::perms::owner_all | fs::perms::others_exec, fs::perm_options::replace);
    fs::permissions(locked, fs::perms::owner_exec | fs::perms::others_exec, fs::perm_options::replace);
    int report[2];
    ASSERT_EQ(pipe(report), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(report[0]);
        constexpr uid_t kNobody = 65534;
        if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0)) _exit(2);
        const OutsideLessonScan scan = scan_lesson_folders({locked}, {});
        std::string lines;
        for (const LocalizedText& line : scan.errors) lines += line.en + "\n" + line.ko + "\n";
        const ssize_t written = ::write(report[1], lines.data(), lines.size());
        _exit(written == static_cast<ssize_t>(lines.size()) ? 0 : 3);
    }
    close(report[1]);
    std::string lines;
    char buffer[4096];
    for (ssize_t got; (got = read(report[0], buffer, sizeof buffer)) > 0;) lines.append(buffer, static_cast<size_t>(got));
    close(report[0]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    fs::permissions(locked, fs::perms::owner_all);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_EQ(lines, locked.string() + ": cannot read the lessons folder (Permission denied)\n" + locked.string() +
                         ": 레슨 폴더를 읽을 수 없습니다\n");
}

// Every line exists in Korean too (--lang ko): it names the same folder, says why in Korean, and
// keeps no English words of its own (what is left in Latin letters is the paths, lesson.json and
// ovlab_add_lab_lesson): the JSON reader's detail is said in Korean too.
TEST_F(OutsideLessons, EveryLineIsAlsoInKorean) {
    write(root_ / "empty" / "notes" / "readme.txt", "no lesson here");
    lesson("broken", "{\n  \"title\": {\"en\": \"x\",\n");
    lesson("unbuilt", kLessonJson, false);
    lesson("event-file-copy");
    const OutsideLessonScan scan =
        scan_lesson_folders({root_ / "nowhere", root_ / "empty", root_ / "lessons"}, {"event-file-copy"});
    ASSERT_EQ(scan.errors.size(), 5u);
    const std::vector<std::string> korean = {"레슨 폴더를 찾을 수 없습니다",
                                             "이 폴더에도 그 안의 폴더에도 lesson.json이 없어 레슨을 찾지 못했습니다",
                                             "lesson.json을 읽지 못해 이 레슨은 목록에서 빠졌습니다: ",
                                             "레슨 id 'event-file-copy'가 이미 목록에 있습니다",
                                             "레슨의 프로그램이 없습니다. ovlab_add_lab_lesson으로"};
    for (size_t i = 0; i < korean.size(); ++i) {
        const LocalizedText& line = scan.errors[i];
        EXPECT_NE(line.ko.find(korean[i]), std::string::npos) << line.ko;
        const std::string folder = line.en.substr(0, line.en.find(':'));
        EXPECT_NE(line.ko.find(folder), std::string::npos) << line.ko;
        for (const char* english : {"not found", "no lesson", "already in the list", "is missing", "rename", "not valid",
                                    "unexpected", "syntax error"})
            EXPECT_EQ(line.ko.find(english), std::string::npos) << line.ko;
    }
}

TEST(OutsideLessonFolders, AListIsSplitAtItsSeparator) {
    EXPECT_EQ(split_lesson_folders("/a::/b c:"), (std::vector<fs::path>{"/a", "/b c"}));
    EXPECT_TRUE(split_lesson_folders("").empty());
}

}  // namespace
}  // namespace ovlab::lessons
