#pragma once

#include <QTreeWidget>

namespace twins::data {
class Dataset;
struct DatasetGroup;
struct DatasetVariable;
} // namespace twins::data

namespace twins::widgets {

// How the GUI names a variable: the short name in the root group (what users type on the
// command line, what run outputs and signals have always used), the full path below it.
QString variableKey(const data::DatasetVariable& variable);

// The Data dock's tree: one item per open dataset (any format the Dataset API reads), its
// groups nested as in the file, their variables (dimensions, shape, type, units) and the
// attributes of the file, groups and variables. Activating a variable asks for it to be shown.
class DataBrowser : public QTreeWidget {
    Q_OBJECT
public:
    explicit DataBrowser(QWidget* parent = nullptr);

    // Adds (or replaces, when the path is already listed) a dataset's entry.
    void addFile(const data::Dataset& dataset);
    // Selects the variable's item (by key, full path or short name) without emitting
    // variableActivated.
    void selectVariable(const QString& path, const QString& variable);
    QStringList filePaths() const;
    // The item of a variable (by key or full path) in a listed file; nullptr when absent.
    QTreeWidgetItem* variableItem(const QString& path, const QString& variable) const;
    // The item of a group ("/forecast/surface") in a listed file; nullptr when absent.
    QTreeWidgetItem* groupItem(const QString& path, const QString& groupPath) const;

signals:
    void variableActivated(const QString& path, const QString& variable);

private:
    QTreeWidgetItem* fileItem(const QString& path) const;
    void addGroupContents(QTreeWidgetItem* parent, const data::DatasetGroup& group,
                          const QString& path);
};

} // namespace twins::widgets
