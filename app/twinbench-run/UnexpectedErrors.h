#pragma once

#include <QString>

#include <exception>

// The worker's last resort. Every command catches the errors it expects and says what went
// wrong; anything else - an exception of a type nobody expected (LibTorch's c10::Error is a
// std::exception but not a std::runtime_error), one that is not a std::exception at all, or
// one escaping a thread or a noexcept function, which the C++ runtime turns into
// std::terminate - ends here: one line on stderr, a non-zero exit, and the run this process
// executes (if any) marked failed with that line, so it never stays "running" forever.
namespace worker {

// The run directory of the job this process executes; empty (the default) for other commands.
void setActiveRunDirectory(const QString& path);

// "std::logic_error: text", "an exception that is not a std::exception", ...: one line.
QString describeException(std::exception_ptr error);

// Reports `error` as above for `command` and returns the exit status (1, a failure).
int reportUnexpectedError(const QString& command, std::exception_ptr error) noexcept;

// std::set_terminate handler doing the same report, then ending the process with status 1.
void installTerminateHandler(const QString& command);

} // namespace worker
