#pragma once

#include <QObject>

#include <atomic>
#include <memory>

namespace twins::app {

class Workspace;
struct AnimationRequest;

// Animations of the active view's variable over one of its dimensions, as the scripted
// `--export-figure OUT.mp4 --animate DIM` renders them. Reading, rendering (an offscreen VTK
// window of its own) and encoding (ffmpeg) run on a thread of their own; a progress dialog's
// Cancel stops the export after the current frame. One export at a time.
class AnimationExports : public QObject {
    Q_OBJECT
public:
    explicit AnimationExports(Workspace& workspace);

    // The request File > Export Animation starts from: the active view's file, variable,
    // indices, projection, colour map and uncertainty encoding. False (with *why) when the
    // view shows nothing or nothing to animate over.
    bool requestForActiveView(AnimationRequest& request, QString* why) const;
    void exportTo(const AnimationRequest& request);
    bool running() const { return m_running; }
    void cancel();

signals:
    // An export ended (success, cancelled or failed with `error`).
    void exported(const QString& path, bool success, const QString& error);
    void progress(int done, int total);

private:
    Workspace& m_workspace;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace twins::app
