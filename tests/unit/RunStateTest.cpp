// The run state machine: names, the terminal predicate, and every legal and illegal transition
// (the full 6 x 6 table), plus the shape of run ids.
#include "twinbench/runs/RunState.h"

#include "twinbench/runs/RunId.h"

#include <QSet>
#include <QTest>

using namespace twins::runs;

class RunStateTest : public QObject {
    Q_OBJECT

private slots:
    void namesRoundTrip() {
        const QStringList expected = {"created",   "queued", "running",
                                      "succeeded", "failed", "cancelled"};
        QStringList names;
        for (RunState state : allRunStates()) {
            names << runStateName(state);
            QCOMPARE(parseRunState(runStateName(state)), std::optional<RunState>(state));
        }
        QCOMPARE(names, expected);
        QVERIFY(!parseRunState(u"RUNNING"));
        QVERIFY(!parseRunState(u"pending"));
        QVERIFY(!parseRunState(u""));
    }

    void terminalStates() {
        QVERIFY(!isTerminal(RunState::Created));
        QVERIFY(!isTerminal(RunState::Queued));
        QVERIFY(!isTerminal(RunState::Running));
        QVERIFY(isTerminal(RunState::Succeeded));
        QVERIFY(isTerminal(RunState::Failed));
        QVERIFY(isTerminal(RunState::Cancelled));
    }

    void transitionTable() {
        using S = RunState;
        const QList<QPair<S, S>> legal = {
            {S::Created, S::Queued}, {S::Created, S::Cancelled}, {S::Queued, S::Running},
            {S::Queued, S::Failed},  {S::Queued, S::Cancelled},  {S::Running, S::Succeeded},
            {S::Running, S::Failed}, {S::Running, S::Cancelled},
        };
        int legalCount = 0;
        for (S from : allRunStates()) {
            for (S to : allRunStates()) {
                const bool expected = legal.contains({from, to});
                const QString error = transitionError(from, to);
                QVERIFY2(isLegalTransition(from, to) == expected,
                         qPrintable(runStateName(from) + " -> " + runStateName(to)));
                QCOMPARE(error.isEmpty(), expected);
                if (!expected) {
                    // The message names both states so a log line explains itself.
                    QVERIFY2(error.contains(runStateName(from) + " -> " + runStateName(to)),
                             qPrintable(error));
                }
                legalCount += expected ? 1 : 0;
            }
            QCOMPARE(legalSuccessors(from).isEmpty(), isTerminal(from));
        }
        QCOMPARE(legalCount, 8);
    }

    void errorMessagesExplain() {
        QCOMPARE(transitionError(RunState::Succeeded, RunState::Running),
                 QString("illegal run state transition succeeded -> running "
                         "(succeeded is terminal)"));
        QCOMPARE(transitionError(RunState::Created, RunState::Running),
                 QString("illegal run state transition created -> running "
                         "(allowed from created: queued, cancelled)"));
        QVERIFY(
            transitionError(RunState::Running, RunState::Running).contains("running -> running"));
    }

    void runIdsSortByCreationAndAreUnique() {
        QStringList ids;
        for (int i = 0; i < 2000; ++i) {
            ids << newRunId();
        }
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids); // created in order, so already sorted as strings
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        for (const QString& id : ids) {
            QVERIFY2(isRunId(id), qPrintable(id));
        }
        QVERIFY(!isRunId(u"/data/era5.nc"));
        QVERIFY(!isRunId(u"20240515T101502123Z"));
    }
};

QTEST_GUILESS_MAIN(RunStateTest)
#include "RunStateTest.moc"
