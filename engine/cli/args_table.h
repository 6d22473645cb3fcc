// The options of the `vanban` command, each with the commands that take it and its help
// line: args.cpp reads them, help.cpp lists them per command.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/i18n.h"  // N_: the help lines are translated where they are shown

namespace vanban::cli {

constexpr std::array<Command, 8> kCommands = {Command::Render,   Command::Validate, Command::Batch,
                                              Command::Decision, Command::Check,    Command::Templates,
                                              Command::Sign,     Command::Serve};

constexpr unsigned bit(Command c) { return 1u << static_cast<unsigned>(c); }

enum class OptionId {
  Output, Format, Date, Blank, FontDir, TemplateDir, AllowTemplatePaths,
  MaxRows, MaxColumns, MaxImageSide, MaxInputBytes, MaxTextBytes,
  Sort, GroupByUnit, Sheet, Map, Name, Paper, PrintOnBlank, OffsetX, OffsetY, Jobs,
  Emblem, Seal, Signature, Overwrite, Decision, ListTitle,
  P12, Pkcs11Module, Token, KeyLabel, KeyId, PasswordFile, Role, Image, ImageWidth, Tsa, Reason, Location,
  SignTime, Page, Rect, Pdfa, NoTags,
  Listen, Threads, Queue, MaxBody, MaxPages, Timeout, WebDir,
};

struct Option {
  OptionId id;
  const char* name;        // "--jobs"
  const char* short_name;  // "-o", or null
  const char* value;       // what it takes ("N"), null for a switch
  const char* help;        // N_(…): one line or several ("\n"), translated when shown
  unsigned commands;       // bit(Command) of the commands that take it
};

constexpr unsigned kRender = bit(Command::Render), kValidate = bit(Command::Validate), kBatch = bit(Command::Batch),
                   kDecision = bit(Command::Decision), kCheck = bit(Command::Check),
                   kTemplates = bit(Command::Templates);
constexpr unsigned kWriters = kRender | kBatch | kDecision;
constexpr unsigned kReaders = kWriters | kValidate | kCheck;  // commands that read a template and data
constexpr unsigned kLists = kBatch | kDecision;
constexpr unsigned kSign = bit(Command::Sign);
constexpr unsigned kSigners = kWriters | kSign;   // commands that sign what they write
constexpr unsigned kServe = bit(Command::Serve);

inline constexpr Option kOptions[] = {
    {OptionId::Output, "--output", "-o", "FILE",
     N_("where to write the PDF or DOCX (by its extension;\nwritten whole or not at all)"), kWriters | kSign},
    {OptionId::Format, "--format", nullptr, "pdf|docx|json",
     N_("json: one JSON document on stdout for scripts (every problem,\nthe result);\n"
        "pdf or docx: the format of the output (of its files, into a directory);\n"
        "give it twice for both (--format docx --format json)"),
     kReaders | kTemplates},
    {OptionId::Date, "--date", nullptr, "ISO8601",
     N_("fixed creation date, for byte-identical output\n(default: $SOURCE_DATE_EPOCH if set, else now)"), kWriters},
    {OptionId::Blank, "--blank", nullptr, nullptr, N_("print the form empty, with dotted lines for handwriting"),
     kRender | kValidate},
    {OptionId::FontDir, "--font-dir", nullptr, "DIR", N_("take the Times New Roman faces from DIR"), kReaders | kSign | kServe},
    {OptionId::TemplateDir, "--template-dir", nullptr, "DIR", N_("look for templates in DIR first (repeatable)"),
     kReaders | kTemplates | kServe},
    {OptionId::AllowTemplatePaths, "--allow-template-paths", nullptr, nullptr,
     N_("let a template name files (extends=, emblem=, seal=, signature=)\noutside its own directory"), kReaders | kServe},
    {OptionId::MaxRows, "--max-rows", nullptr, "N", N_("at most N rows in a list or table (default 1000000)"),
     kReaders | kServe},
    {OptionId::MaxColumns, "--max-columns", nullptr, "N", N_("at most N columns in a list (default 16384)"),
     kReaders | kServe},
    {OptionId::MaxImageSide, "--max-image-side", nullptr, "N",
     N_("images of at most N pixels a side (default 10000)"), kReaders | kServe},
    {OptionId::MaxInputBytes, "--max-input-bytes", nullptr, "N",
     N_("input files of at most N bytes (default 1073741824)"), kReaders | kServe},
    {OptionId::MaxTextBytes, "--max-text-bytes", nullptr, "N",
     N_("texts (a cell, a string of a model) of at most N bytes\n(default 65536); "
        "past a limit the input is refused"),
     kReaders | kServe},
    {OptionId::Sort, "--sort", nullptr, "ten", N_("sort by given name first (Vietnamese name order)"), kLists},
    {OptionId::GroupByUnit, "--group-by-unit", nullptr, nullptr,
     N_("put the rows of a unit (\"Đơn vị\") together,\nunits in the order they first appear"), kLists},
    {OptionId::Sheet, "--sheet", nullptr, "NAME", N_("the sheet of an XLSX list (default: the first)"), kLists},
    {OptionId::Map, "--map", nullptr, "'Header=key'",
     N_("read the column with this header as this field (repeatable)"), kLists},
    {OptionId::Name, "--name", nullptr, "PATTERN",
     N_("the file name of each row, into a directory (default \"{stt}-{ho_ten}\")"), kBatch},
    {OptionId::Paper, "--paper", nullptr, "a4|a3", N_("the paper size (default a4)"), kBatch},
    {OptionId::PrintOnBlank, "--print-on-blank", nullptr, nullptr,
     N_("print only the text, onto pre-printed blanks"), kBatch},
    {OptionId::OffsetX, "--offset-x", nullptr, "MM", N_("move the text right (negative: left), at most 50 mm"),
     kBatch},
    {OptionId::OffsetY, "--offset-y", nullptr, "MM", N_("move the text down (negative: up), at most 50 mm"), kBatch},
    {OptionId::Jobs, "--jobs", nullptr, "N", N_("lay pages out on N threads (1-256, default 2)"), kBatch},
    {OptionId::Emblem, "--emblem", nullptr, "PNG", N_("an image (PNG with transparency) at the top centre"), kBatch},
    {OptionId::Seal, "--seal", nullptr, "PNG", N_("the seal, over the left third of the signature"), kBatch},
    {OptionId::Signature, "--signature", nullptr, "PNG", N_("the signature, in the signature space"), kBatch},
    {OptionId::Overwrite, "--overwrite", nullptr, nullptr,
     N_("into a directory: replace a file already there\n(else its row fails)"), kBatch},
    {OptionId::Decision, "--decision", nullptr, "FILE",
     N_("the decision model (JSON or XML): its number, date,\ncăn cứ, articles, signature"), kDecision},
    {OptionId::ListTitle, "--list-title", nullptr, "TEXT",
     N_("the title of the danh sách (default \"DANH SÁCH ĐƯỢC \"\nand the certificate's title)"), kDecision},
    {OptionId::P12, "--p12", nullptr, "FILE",
     N_("sign with the key and certificates of this PKCS#12 file; starts a signature:\n"
        "the options after it (--role, --image, --tsa, --password-file…) are its own;\n"
        "give it again for a second signature (the signer, then the body)"),
     kSigners},
    {OptionId::Pkcs11Module, "--pkcs11-module", nullptr, "LIB",
     N_("sign with a key on a PKCS#11 token (a USB token) through this module;\nstarts a signature"), kSigners},
    {OptionId::Token, "--token", nullptr, "LABEL", N_("the token (default: the first holding a key)"), kSigners},
    {OptionId::KeyLabel, "--key-label", nullptr, "LABEL", N_("the key's label on the token"), kSigners},
    {OptionId::KeyId, "--key-id", nullptr, "HEX", N_("the key's ID on the token, in hex"), kSigners},
    {OptionId::PasswordFile, "--password-file", nullptr, "FILE",
     N_("the PKCS#12 password or the token's PIN, from the first line of FILE\n"
        "(else $VANBAN_PASSWORD / $VANBAN_PIN, else asked on the terminal)"),
     kSigners},
    {OptionId::Role, "--role", nullptr, "signer|body|info",
     N_("who signs: signer (the signature image between the authority and the\n"
        "name), body (the seal over its left third) or info (no image: the\n"
        "information box at the top right of page 1); default signer"),
     kSigners},
    {OptionId::Image, "--image", nullptr, "PNG",
     N_("the signature image (blue) or the seal (red), PNG with transparency"), kSigners},
    {OptionId::ImageWidth, "--image-width", nullptr, "MM",
     N_("the image's real width (default: from the PNG, else 36 mm for a seal)"), kSigners},
    {OptionId::Tsa, "--tsa", nullptr, "URL", N_("add a timestamp from this RFC 3161 server (PAdES B-T)"), kSigners},
    {OptionId::Reason, "--reason", nullptr, "TEXT", N_("the signature's reason"), kSigners},
    {OptionId::Location, "--location", nullptr, "TEXT", N_("the signature's location"), kSigners},
    {OptionId::SignTime, "--time", nullptr, "ISO8601",
     N_("the signing time, 2021-03-05T09:15:30+07:00 (default: now)"), kSigners},
    {OptionId::Page, "--page", nullptr, "N",
     N_("a PDF vanban did not write: the page of the signature (default 1)"), kSign},
    {OptionId::Rect, "--rect", nullptr, "X,Y,W,H",
     N_("a PDF vanban did not write: where the signature goes, mm from the\npage's top-left corner "
        "(default: the information box, top right)"),
     kSign},
    {OptionId::Pdfa, "--pdfa", nullptr, nullptr, N_("write PDF/A-2 (TCVN 14159-2): 2a when tagged, else 2u"), kWriters},
    {OptionId::NoTags, "--no-tags", nullptr, nullptr, N_("no structure tree (tagged PDF is the default)"), kWriters},
    {OptionId::Listen, "--listen", nullptr, "HOST:PORT",
     N_("the address to serve on (default 127.0.0.1:8080: this machine only);\n"
        "port 0 picks a free one; 0.0.0.0:PORT serves every network"),
     kServe},
    {OptionId::Threads, "--threads", nullptr, "N", N_("render N requests at once (1-256, default: the cores)"), kServe},
    {OptionId::Queue, "--queue", nullptr, "N",
     N_("at most N requests waiting for a thread; more are answered 503\n(default 64)"), kServe},
    {OptionId::MaxBody, "--max-body", nullptr, "BYTES",
     N_("the largest request body taken (default 33554432); larger: 413"), kServe},
    {OptionId::MaxPages, "--max-pages", nullptr, "N",
     N_("the most pages of a render, rows of a batch (default 500); more: 422"), kServe},
    {OptionId::Timeout, "--timeout", nullptr, "SECONDS",
     N_("the longest a request may take, waiting included (default 30); longer: 504"), kServe},
    {OptionId::WebDir, "--web-dir", nullptr, "DIR",
     N_("the web page's files (default: the installed ones, $VANBAN_WEB_DIR)"), kServe},
};

inline const Option* find_option(std::string_view name) {
  for (const auto& o : kOptions)
    if (name == o.name || (o.short_name && name == o.short_name)) return &o;
  return nullptr;
}

void apply_option(Args& a, OptionId id, const std::string& name, const std::string& value);

}  // namespace vanban::cli
