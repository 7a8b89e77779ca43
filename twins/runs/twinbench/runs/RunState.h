#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace twins::runs {

// The life of a run. A backend's own finer-grained state (e.g. SLURM's PENDING reason) is kept
// beside it as free text ("detail"), never as extra states, so every backend maps onto these.
enum class RunState { Created, Queued, Running, Succeeded, Failed, Cancelled };

// "created", "queued", ... as stored in status.json and the registry.
QString runStateName(RunState state);
std::optional<RunState> parseRunState(QStringView name);
QList<RunState> allRunStates();

// Succeeded, failed and cancelled runs never change state again.
bool isTerminal(RunState state);

// Legal moves: created -> queued -> running -> succeeded | failed | cancelled; created and
// queued may also be cancelled; queued -> failed covers a submission the backend rejected.
bool isLegalTransition(RunState from, RunState to);
QList<RunState> legalSuccessors(RunState from);

// Empty when the move is legal; otherwise the reason, naming both states and what is allowed,
// e.g. "illegal run state transition succeeded -> running (succeeded is terminal)".
QString transitionError(RunState from, RunState to);

} // namespace twins::runs
