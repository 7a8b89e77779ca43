#include "shell/behaviors/RecoveryNotice.h"

#include "runs/RunService.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunState.h"

#include <QMessageBox>
#include <QPointer>

#include <memory>

namespace twins::app {

namespace {

QString sessionLine(const EndedSession& ended) {
    const QString how = ended.hasBacktrace ? QObject::tr("crashed")
                                           : QObject::tr("was killed or the machine stopped");
    QString line = QObject::tr("The session started %1 (process %2) %3.")
                       .arg(QLocale().toString(ended.started, QLocale::ShortFormat))
                       .arg(ended.pid)
                       .arg(how);
    line += ended.crashReport.isEmpty() ? QObject::tr(" No crash report could be written.")
                                        : QObject::tr(" Crash report: %1").arg(ended.crashReport);
    return line;
}

// The runs active in, or ended since, the oldest unclean session, as the dock now lists them.
QString runsLines(const QList<runs::RunRecord>& listed, const QDateTime& since) {
    QStringList lines;
    for (const runs::RunRecord& run : listed) {
        if (!runs::isTerminal(run.state) || run.updatedAt >= since) {
            lines << QObject::tr("%1 (%2 %3, %4): %5")
                         .arg(run.id, run.moduleId, run.action, run.backend,
                              runs::runStateName(run.state));
        }
    }
    if (lines.isEmpty()) {
        return QObject::tr("No run was active: nothing needed recovering.");
    }
    return QObject::tr("Runs run in their own processes and were read again from the registry "
                       "and their backends:\n") +
           lines.join(QLatin1Char('\n'));
}

} // namespace

QMessageBox* showRecoveryNotice(QWidget* window, RunService* runs,
                                const std::vector<EndedSession>& uncleanEnds) {
    if (uncleanEnds.empty()) {
        return nullptr;
    }
    QStringList sessions;
    QDateTime since = uncleanEnds.front().started;
    for (const EndedSession& ended : uncleanEnds) {
        sessions << sessionLine(ended);
        since = std::min(since, ended.started);
    }
    auto* notice = new QMessageBox(
        QMessageBox::Information, QObject::tr("Twinbench did not close properly"),
        QObject::tr("Twinbench did not close properly last time."), QMessageBox::Ok, window);
    notice->setObjectName(QStringLiteral("recoveryNotice"));
    notice->setAttribute(Qt::WA_DeleteOnClose);
    notice->setWindowModality(Qt::NonModal);
    const QString sessionText = sessions.join(QLatin1Char('\n'));
    notice->setInformativeText(sessionText + QStringLiteral("\n\n") +
                               QObject::tr("Reading the runs again..."));
    qWarning("twinbench: %s", qPrintable(sessionText));
    notice->show();

    if (runs != nullptr) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        QPointer<QMessageBox> guarded(notice);
        *connection = QObject::connect(
            runs, &RunService::runsListed, notice,
            [guarded, connection, sessionText, since](const QList<runs::RunRecord>& listed,
                                                      const QString&) {
                QObject::disconnect(*connection); // the first listing after the start
                const QString runText = runsLines(listed, since);
                qWarning("twinbench: recovered after an unclean end: %s", qPrintable(runText));
                if (guarded) {
                    guarded->setInformativeText(sessionText + QStringLiteral("\n\n") + runText);
                }
            },
            Qt::QueuedConnection);
    }
    return notice;
}

} // namespace twins::app
