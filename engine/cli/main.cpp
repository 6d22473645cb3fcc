// vanban: the command line over the engine. `vanban --help` lists the commands,
// `vanban help <command>` tells of one; each command is a file of this directory.
#include <signal.h>

#include <clocale>
#include <iostream>
#include <new>

#include "cli/cli.h"
#include "cli/report.h"
#include "core/file_io.h"
#include "core/i18n.h"

namespace {

using namespace vanban::cli;

// SIGINT, SIGTERM, SIGHUP: the temporary files being written are removed, then the
// signal is raised again with its default action (SA_RESETHAND), so the exit status
// still tells the caller which signal ended the program.
extern "C" void on_fatal_signal(int sig) {
  vanban::file_io::remove_live_temporaries();
  ::raise(sig);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    // A signal ignored when we started (nohup, a shell's background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &sa, nullptr);
  }
}

vanban::EngineOptions engine_options(const Args& args) {
  vanban::EngineOptions options;
  options.template_dirs = args.template_dirs;
  const vanban::DataDirs dirs = vanban::default_data_dirs();
  options.template_dirs.push_back(dirs.templates);
  options.font_manifest = dirs.fonts + "/fonts.xml";
  options.font_dir = args.font_dir;
  options.allow_template_paths = args.allow_template_paths;
  return options;
}

int run(const Args& args, Report& report) {
  vanban::Engine engine(engine_options(args));
  switch (args.command) {
    case Command::Render: return render(engine, args, report);
    case Command::Validate: return validate(engine, args, report);
    case Command::Batch: return batch(engine, args, report);
    case Command::Decision: return decision(engine, args, report);
    case Command::Check: return check(engine, args, report);
    case Command::Templates: return templates(engine, args, report);
    case Command::Sign: return sign(engine, args, report);
    case Command::Serve: return serve(engine, args, report);
    case Command::None: break;
  }
  return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // Messages in the user's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); numbers are
  // read and written the C way whatever the locale ("12.5", never "12,5"), so the output
  // does not depend on it.
  std::setlocale(LC_ALL, "");
  std::setlocale(LC_NUMERIC, "C");
  install_signal_handlers();
  Args args;
  Report report(false, "");
  try {
    try {
      args = parse(argc, argv, args);
    } catch (const vanban::Error&) {
      report.set_json(args.json);  // a usage mistake is reported as the command line asked
      report.set_command(command_name(args.command));
      throw;
    }
    report.set_json(args.json);
    report.set_command(command_name(args.command));
    return report.finish(run(args, report));
  } catch (const vanban::Error& e) {
    report.add(e, args.data_path);
    if (e.kind() == vanban::ErrorKind::Usage) {
      if (!report.json()) std::cerr << "\n" << usage_hint(args.command);
      return report.finish(kUsage);
    }
    return report.finish(kWrongInput);
  } catch (const std::bad_alloc&) {
    vanban::Diagnostic d;
    d.kind = vanban::ErrorKind::Input;
    d.message = vanban::tr("out of memory (the input needs more memory than the process may have; "
                           "try fewer --jobs, a smaller list or lower --max-rows)");
    report.add(d);
    return report.finish(kWrongInput);
  } catch (const std::exception& e) {
    vanban::Diagnostic d;
    d.kind = vanban::ErrorKind::Output;
    d.message = vanban::trf("internal error: {0}", e.what());
    report.add(d);
    return report.finish(kWrongInput);
  }
}
