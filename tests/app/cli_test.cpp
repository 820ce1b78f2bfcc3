// The command line's --param and --list-params (docs/design.md §3): what is accepted, and the one-line
// errors for what is not (main prints them and exits 2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli.h"

namespace ovlab::app {
namespace {

std::variant<Options, UsageError> parse(std::vector<std::string> args)
{
    args.insert(args.begin(), "overlapped-lab");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

std::string error_of(std::vector<std::string> args)
{
    auto parsed = parse(std::move(args));
    const UsageError* error = std::get_if<UsageError>(&parsed);
    return error ? error->message : "(accepted)";
}

TEST(CommandLine, ParamsAreRepeatableAndGoWithTheLessonInBothModes)
{
    for (bool headless : {false, true}) {
        std::vector<std::string> args = {"--param", "workers=3", "--lesson", "iocp-echo-server", "--param",
                                         "reset=off"};
        if (headless) args.push_back("--headless");
        auto parsed = parse(args);
        ASSERT_TRUE(std::holds_alternative<Options>(parsed)) << std::get<UsageError>(parsed).message;
        const Options& options = std::get<Options>(parsed);
        EXPECT_EQ(options.headless, headless);
        EXPECT_EQ(options.parameters, (ParameterValues{{"workers", 3}, {"reset", 0}}));
    }
}

TEST(CommandLine, AParamGivenTwiceIsRefusedWithBothValues)
{
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "workers=2", "--param", "workers=3"}),
              "--param workers given twice (2 and 3)");
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "reset=off", "--param", "reset=0"}),
              "--param reset given twice (off and 0)");
}

TEST(CommandLine, EmptyValuesAreRefusedNotTakenForAbsentOptions)
{
    EXPECT_EQ(error_of({"--lesson", ""}), "--lesson needs a lesson id (see --list-lessons)");
    EXPECT_EQ(error_of({"--lesson", "", "--headless"}), "--lesson needs a lesson id (see --list-lessons)");
    EXPECT_EQ(error_of({"--lessons-dir", "", "--list-lessons"}), "--lessons-dir needs a folder");
    EXPECT_EQ(error_of({"--lesson", "event-file-copy", "--trace-out", ""}), "--trace-out needs a file name");
    EXPECT_EQ(error_of({"--lesson", "event-file-copy", "--screenshot", ""}), "--screenshot needs a file name");
}

TEST(CommandLine, ControlCharactersInEchoedArgumentsAreMadeVisible)
{
    EXPECT_EQ(printable("a\x1b[31mb\nc\td\re\x7f\x01"), "a\\x1b[31mb\\nc\\td\\re\\x7f\\x01");
    EXPECT_EQ(printable("plain 한글 \\ text"), "plain 한글 \\ text") << "UTF-8 and backslashes stay as they are";
    // The parser keeps the raw text (it names the lesson); main escapes the whole message it prints.
    EXPECT_EQ(printable(error_of({"--lesson", "x\x1b[2J"})), "unknown lesson 'x\\x1b[2J' (see --list-lessons)");
}

TEST(CommandLine, ThemeIsChosenByNameAndAnUnknownOneIsRefused)
{
    for (ThemeKind kind : kAllThemes) {
        auto parsed = parse({"--theme", std::string(theme_name(kind))});
        ASSERT_TRUE(std::holds_alternative<Options>(parsed)) << std::get<UsageError>(parsed).message;
        EXPECT_EQ(std::get<Options>(parsed).theme, kind);
    }
    EXPECT_EQ(std::get<Options>(parse({})).theme, std::nullopt) << "no --theme: the remembered theme stays";
    EXPECT_EQ(error_of({"--theme", "beamer"}), "unknown theme 'beamer': use light, dark or projector");
    EXPECT_EQ(error_of({"--theme"}), "--theme needs a value");
    EXPECT_NE(usage_text().find("--theme light|dark|projector"), std::string::npos);
}

TEST(CommandLine, NoParamsMeansTheDefaults)
{
    auto parsed = parse({"--lesson", "iocp-echo-server", "--headless"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_TRUE(std::get<Options>(parsed).parameters.empty());
}

TEST(CommandLine, BadParamsAreOneLineUsageErrors)
{
    EXPECT_EQ(error_of({"--param"}), "--param needs a value");
    EXPECT_EQ(error_of({"--param", "workers=3"}), "--param needs --lesson ID");
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "workers=9"}),
              "--param workers=9 is out of range: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "workers=many"}),
              "--param workers=many is not a whole number: workers takes 1 to 4 (default 2)");
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "threads=2"}),
              "--param lesson iocp-echo-server has no parameter 'threads' (it has: workers, concurrency, clients, "
              "messages, buffer, reset, acceptex, block)");
    EXPECT_EQ(error_of({"--lesson", "iocp-echo-server", "--param", "workers"}),
              "--param 'workers' is not name=value");
    EXPECT_EQ(error_of({"--lesson", "no-such-lesson", "--param", "workers=3"}),
              "unknown lesson 'no-such-lesson' (see --list-lessons)");
}

TEST(CommandLine, ListParamsNeedsALessonAndListsEachParameter)
{
    EXPECT_EQ(error_of({"--list-params"}), "--list-params needs --lesson ID");
    auto parsed = parse({"--lesson", "completion-routine", "--list-params"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_TRUE(std::get<Options>(parsed).list_params);

    const std::string list = parameter_list(*find_lesson("completion-routine"), Language::English);
    EXPECT_EQ(list.rfind("alertable\t1\t0|1\tOff: ", 0), 0u) << list;
    EXPECT_NE(list.find("\nwait\t1000\t100..10000\t"), std::string::npos) << list;
    EXPECT_EQ(parameter_list(*find_lesson("event-file-copy"), Language::English), "");
}

TEST(CommandLine, FullscreenIsForTheWindowOnly)
{
    auto parsed = parse({"--lesson", "event-file-copy", "--fullscreen"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_TRUE(std::get<Options>(parsed).fullscreen);
    EXPECT_FALSE(std::get<Options>(parse({})).fullscreen);
    EXPECT_EQ(error_of({"--lesson", "event-file-copy", "--headless", "--fullscreen"}),
              "--fullscreen is for the window; it cannot be combined with --headless");
    EXPECT_NE(usage_text().find("--fullscreen"), std::string::npos);
}

TEST(CommandLine, PredictOpensTheWindowInPredictModeOrPrintsTheAnswersHeadless)
{
    for (const bool headless : {false, true}) {
        std::vector<std::string> args = {"--lesson", "event-file-copy", "--predict"};
        if (headless) args.push_back("--headless");
        auto parsed = parse(args);
        ASSERT_TRUE(std::holds_alternative<Options>(parsed));
        EXPECT_TRUE(std::get<Options>(parsed).predict);
    }
    EXPECT_FALSE(std::get<Options>(parse({})).predict);
    EXPECT_NE(usage_text().find("--predict"), std::string::npos);
}

TEST(CommandLine, HelpDocumentsParam)
{
    const std::string help = usage_text();
    EXPECT_NE(help.find("--param NAME=VALUE"), std::string::npos);
    EXPECT_NE(help.find("--list-params"), std::string::npos);
}

}  // namespace
}  // namespace ovlab::app
