#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace twins::app {

class RemoteOpening;
class Workspace;

// File > Open URL...: a URL typed or pasted, opened in the background (RemoteOpening) while the
// dialog shows what happens (checking, bytes received) and can cancel. A URL that cannot be
// opened leaves the dialog open with the reason in red, naming the URL (401, 403, 404 in the
// server's words), so it can be corrected; an opened one goes into the workspace like a file.
// Browse lists the WebDAV folder of the URL (PROPFIND, DavFolder.h) in the background: a click
// on an entry puts its URL in the line, a double-click opens a folder's listing or an object.
class OpenUrlDialog : public QDialog {
    Q_OBJECT
public:
    OpenUrlDialog(Workspace& workspace, QWidget* parent);
    ~OpenUrlDialog() override;

    QString url() const;
    void setUrl(const QString& url);
    // What the dialog says now (progress or the last error).
    QString statusText() const;
    bool isOpening() const;

public slots:
    void openUrl();
    void cancelOrClose();
    // Lists the folder the URL names (or the folder of the object it names).
    void browse();

signals:
    // The URL opened and was handed to the workspace (the dialog closes).
    void urlOpened(const QString& url);
    // The URL could not be opened; `message` is what the dialog shows.
    void urlFailed(const QString& message);
    void openingCancelled();
    // A folder was listed (`entries` of them), or could not be (the status says why).
    void folderListed(int entries);
    void folderListingFailed(const QString& message);

private:
    void setOpening(bool opening);
    void onEntryActivated(QListWidgetItem* item);
    void showStatus(const QString& text, bool error);

    Workspace& m_workspace;
    QLineEdit* m_url = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_browse = nullptr;
    QListWidget* m_entries = nullptr;
    int m_listings = 0; // the newest listing wins
    QPointer<RemoteOpening> m_opening;
};

} // namespace twins::app
