// docs/glossary.md is the one list of Korean terms. These tests read its "Wrong variants" column
// and fail when a Korean product text (narration, UI string, lesson title or parameter) uses one,
// when a Korean narration names a panel by its English title, and when any product text cites the
// tutorials the lab was built from ("seed", "원본", "시드").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = OVLAB_SOURCE_DIR;

struct Line {
    std::string where;  // "file:line"
    std::string text;
};

std::vector<std::string> read_lines(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

bool has_hangul(const std::string& text)
{
    // Hangul syllables U+AC00..U+D7A3 are encoded as 0xEA..0xED lead bytes.
    for (unsigned char c : text) {
        if (c >= 0xEA && c <= 0xED) {
            return true;
        }
    }
    return false;
}

std::vector<fs::path> files_matching(const fs::path& dir, const std::regex& name)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), name)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<Line> lines_of(const std::vector<fs::path>& files, bool korean_only)
{
    std::vector<Line> lines;
    for (const fs::path& file : files) {
        std::vector<std::string> text = read_lines(file);
        for (size_t i = 0; i < text.size(); ++i) {
            if (!korean_only || has_hangul(text[i])) {
                lines.push_back({fs::relative(file, kSourceDir).string() + ":" + std::to_string(i + 1), text[i]});
            }
        }
    }
    return lines;
}

std::vector<fs::path> korean_narrations()
{
    return files_matching(kSourceDir / "lessons", std::regex(R"(narration\.ko\.md)"));
}

// Korean narrations, and the lines with Korean in the UI strings, lesson.json and lesson.cpp files
// and the runtime's wording tables.
std::vector<Line> korean_texts()
{
    std::vector<Line> lines = lines_of(korean_narrations(), false);
    std::vector<fs::path> sources = files_matching(kSourceDir / "app" / "gui", std::regex(R"(ui_strings.*\.h)"));
    std::vector<fs::path> lesson_files = files_matching(kSourceDir / "lessons", std::regex(R"(lesson\.(cpp|json))"));
    sources.insert(sources.end(), lesson_files.begin(), lesson_files.end());
    for (const char* table : {"runtime/include/ovlab/trace_text.h", "runtime/trace/trace_text.cpp",
                              "runtime/include/ovlab/status_codes.h", "app/api_summaries.h",
                              "app/step_explanation.cpp"})
        sources.push_back(kSourceDir / table);
    std::vector<Line> more = lines_of(sources, true);
    lines.insert(lines.end(), more.begin(), more.end());
    return lines;
}

struct WrongVariant {
    std::string wrong;
    std::string right;
};

// Rows of the glossary table: | English | 한국어 | `wrong`, `wrong` |
std::vector<WrongVariant> wrong_variants()
{
    std::vector<WrongVariant> variants;
    static const std::regex row(R"(^\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$)");
    static const std::regex quoted("`([^`]+)`");
    for (const std::string& line : read_lines(kSourceDir / "docs" / "glossary.md")) {
        std::smatch match;
        if (!std::regex_match(line, match, row)) {
            continue;
        }
        std::string right = match[2].str();
        right = right.substr(right.find_first_not_of(' '));
        right = right.substr(0, right.find_last_not_of(' ') + 1);
        std::string wrongs = match[3].str();
        for (std::sregex_iterator it(wrongs.begin(), wrongs.end(), quoted), end; it != end; ++it) {
            variants.push_back({(*it)[1].str(), right});
        }
    }
    return variants;
}

TEST(Glossary, HasWrongVariants)
{
    EXPECT_GE(wrong_variants().size(), 15u) << "docs/glossary.md's table was not read";
}

TEST(Glossary, KoreanTextsUseTheGlossaryTerms)
{
    std::vector<WrongVariant> variants = wrong_variants();
    ASSERT_FALSE(variants.empty());
    std::vector<Line> lines = korean_texts();
    ASSERT_FALSE(lines.empty());
    for (const Line& line : lines) {
        for (const WrongVariant& variant : variants) {
            if (line.text.find(variant.wrong) != std::string::npos) {
                ADD_FAILURE() << line.where << ": \"" << variant.wrong << "\" -> use \"" << variant.right
                << "\" (docs/glossary.md)";
            }
        }
    }
}

TEST(Glossary, KoreanNarrationsNameKoreanPanelTitles)
{
    // X(ThreadsTitle, "Threads", "스레드")
    static const std::regex title(R"re(X\((\w+Title),\s*"([^"]+)",\s*"([^"]+)"\))re");
    std::vector<std::pair<std::string, std::string>> titles;
    for (const std::string& line : read_lines(kSourceDir / "app" / "gui" / "ui_strings.h")) {
        std::smatch match;
        if (std::regex_search(line, match, title) && match[2] != match[3]) {
            titles.emplace_back(match[2], match[3]);
        }
    }
    ASSERT_GE(titles.size(), 5u) << "no panel titles read from ui_strings.h";
    // Any Latin-script name right before 패널 must be a title that is the same in both languages.
    static const std::regex latin_panel(R"(([A-Za-z][A-Za-z ]*) 패널)");
    for (const Line& line : lines_of(korean_narrations(), false)) {
        for (const auto& [english, korean] : titles) {
            if (line.text.find(english + " 패널") != std::string::npos) {
                ADD_FAILURE() << line.where << ": \"" << english << " 패널\" -> \"" << korean << " 패널\"";
            }
        }
        for (std::sregex_iterator it(line.text.begin(), line.text.end(), latin_panel), end; it != end; ++it) {
            std::string name = (*it)[1].str();
            EXPECT_TRUE(name == "OVERLAPPED" || name.ends_with(" OVERLAPPED"))
                << line.where << ": \"" << name << " 패널\" names a panel in English; use its Korean title";
        }
    }
}

TEST(Glossary, NoProductTextCitesTheSourceTutorials)
{
    std::vector<fs::path> files = files_matching(kSourceDir / "lessons", std::regex(R"(narration\..*\.md)"));
    for (const auto& entry : fs::directory_iterator(kSourceDir / "lessons")) {
        if (entry.is_directory()) {
            std::vector<fs::path> programs = files_matching(entry.path(), std::regex(R"(.*\.(cpp|h|json))"));
            files.insert(files.end(), programs.begin(), programs.end());
        }
    }
    std::vector<fs::path> ui = files_matching(kSourceDir / "app" / "gui", std::regex(R"(ui_strings.*\.h)"));
    files.insert(files.end(), ui.begin(), ui.end());
    ASSERT_GT(files.size(), 20u);
    static const std::regex citation(R"(\bseeds?\b|원본|시드)", std::regex::icase);
    for (const Line& line : lines_of(files, false)) {
        EXPECT_FALSE(std::regex_search(line.text, citation))
            << line.where << ": cites the source tutorials; show the mistake as the lesson's own code, "
               "or explain the bug in its own right: "
            << line.text;
    }
}

}  // namespace
