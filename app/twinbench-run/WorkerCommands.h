#pragma once

#include <QStringList>

// The commands of twinbench-run, one group per file so each area of the engine owns its own:
//   DataCommands.cpp    example, inspect, slice, probe      (twins/data)
//   StacCommands.cpp    stac search, stac browse            (twins/data/stac)
//   ModuleCommands.cpp  modules, describe, job, serve       (twins/sdk, plugins)
//   RunCommands.cpp     run, sweep, status, logs, cancel    (twins/runs, twins/federation)
//   SignInCommands.cpp  login, logout                       (twins/federation, OIDC)
// Each function gets the arguments after the command name and returns the process exit status:
// 0 success, 1 failure of the work itself (unreadable file, failed run, ...), 2 usage error.
namespace worker {

int exampleCommand(const QStringList& arguments);
int inspectCommand(const QStringList& arguments);
int sliceCommand(const QStringList& arguments);
int probeCommand(const QStringList& arguments);
int stacCommand(const QStringList& arguments);

int modulesCommand(const QStringList& arguments);
int describeCommand(const QStringList& arguments);
int jobCommand(const QStringList& arguments);
int serveCommand(const QStringList& arguments);

int runCommand(const QStringList& arguments);
int sweepCommand(const QStringList& arguments);
int statusCommand(const QStringList& arguments);
int logsCommand(const QStringList& arguments);
int cancelCommand(const QStringList& arguments);
int modelsCommand(const QStringList& arguments);

int loginCommand(const QStringList& arguments);
int logoutCommand(const QStringList& arguments);

// The "Commands:" lines of each group for --help, each line ending in '\n'.
const char* dataCommandsUsage();
const char* stacCommandsUsage();
const char* moduleCommandsUsage();
const char* runCommandsUsage();
const char* signInCommandsUsage();

} // namespace worker
