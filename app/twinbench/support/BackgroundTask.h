#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace twins::app {

// Runs work on the thread pool and delivers its result to `done` on the receiver's (GUI)
// thread; nothing is delivered if the receiver is gone by then. The one way the window and its
// docks keep file reading, conversion and writing off the GUI thread.
template <typename Result, typename Work, typename Done>
void runInBackground(QObject* receiver, Work work, Done done) {
    auto* watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, receiver,
                     [watcher, done = std::move(done)]() {
                         done(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace twins::app
