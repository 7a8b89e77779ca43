#include "twinbench/runs/RunState.h"

#include <QStringList>

namespace twins::runs {

QString runStateName(RunState state) {
    switch (state) {
    case RunState::Created:
        return QStringLiteral("created");
    case RunState::Queued:
        return QStringLiteral("queued");
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Succeeded:
        return QStringLiteral("succeeded");
    case RunState::Failed:
        return QStringLiteral("failed");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QList<RunState> allRunStates() {
    return {RunState::Created,   RunState::Queued, RunState::Running,
            RunState::Succeeded, RunState::Failed, RunState::Cancelled};
}

std::optional<RunState> parseRunState(QStringView name) {
    for (RunState state : allRunStates()) {
        if (name == runStateName(state)) {
            return state;
        }
    }
    return std::nullopt;
}

bool isTerminal(RunState state) {
    return state == RunState::Succeeded || state == RunState::Failed ||
           state == RunState::Cancelled;
}

QList<RunState> legalSuccessors(RunState from) {
    switch (from) {
    case RunState::Created:
        return {RunState::Queued, RunState::Cancelled};
    case RunState::Queued:
        return {RunState::Running, RunState::Failed, RunState::Cancelled};
    case RunState::Running:
        return {RunState::Succeeded, RunState::Failed, RunState::Cancelled};
    case RunState::Succeeded:
    case RunState::Failed:
    case RunState::Cancelled:
        return {};
    }
    return {};
}

bool isLegalTransition(RunState from, RunState to) {
    return legalSuccessors(from).contains(to);
}

QString transitionError(RunState from, RunState to) {
    if (isLegalTransition(from, to)) {
        return {};
    }
    QString message = QStringLiteral("illegal run state transition %1 -> %2 ")
                          .arg(runStateName(from), runStateName(to));
    if (isTerminal(from)) {
        return message + QStringLiteral("(%1 is terminal)").arg(runStateName(from));
    }
    QStringList allowed;
    for (RunState next : legalSuccessors(from)) {
        allowed << runStateName(next);
    }
    return message +
           QStringLiteral("(allowed from %1: %2)").arg(runStateName(from), allowed.join(", "));
}

} // namespace twins::runs
