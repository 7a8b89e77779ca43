#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace twins::app {

// One CF extract of a run's in-situ stream (twins/insitu): insitu/<stream>_<step>.nc.
struct LiveExtract {
    std::int64_t step = 0;
    QString path;
    friend bool operator==(const LiveExtract&, const LiveExtract&) = default;
};

// What a run has published so far, as a GUI on any node sees it: the run's status.json names
// the newest extract (its "insitu" object) and the state; insitu/ holds the extracts still
// kept (insitu_keep) and Catalyst's own under insitu/catalyst/.
struct LiveExtractList {
    QString state;      // status.json's state ("running", "succeeded", ...); empty: unread
    bool ended = false; // a terminal state: no extract will come any more
    QString stream;     // the newest extract's stream ("drivers")
    std::int64_t newestStep = -1;
    int published = 0;           // extracts the run has published (status.json "count")
    QList<LiveExtract> extracts; // of the newest's stream, by step, oldest first
    // Catalyst's data extracts (insitu/catalyst/*.pvti, .pvtp, .vti, ...), by name.
    QStringList catalystFiles;
    QString error; // why the run's files could not be read (they are read again next time)

    friend bool operator==(const LiveExtractList&, const LiveExtractList&) = default;
};

// Reads status.json and lists insitu/; blocks on the file system (a shared one possibly), so it
// runs on the thread pool, never on the GUI thread. Never throws: failures land in `error`.
LiveExtractList readLiveExtractList(const QString& runDirectory);

} // namespace twins::app
