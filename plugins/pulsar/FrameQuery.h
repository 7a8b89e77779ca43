#pragma once

// The interactive `frame` query of the session worker, the Explore dock's what-if of the pulsar
// twin: one frame simulated for the DM, period, S/N and RFI asked, its mask (the networks'
// prediction or the simulator's truth) and the classifier's probabilities, answered as a
// `spectrogram` (plugins/README.md, "Answer conventions"). The networks of a model are loaded
// on its first query and kept for the session (PulsarTwin::m_frameModels).

#include <QJsonObject>
#include <QString>

#include <map>
#include <memory>

namespace pulsar {

struct FrameModel; // a loaded model: its NetConfig and predictor (FrameQuery.cpp)

struct FrameModelDeleter {
    void operator()(FrameModel* model) const;
};
using FrameModels = std::map<QString, std::unique_ptr<FrameModel, FrameModelDeleter>>;

QJsonObject frameQuery(const QJsonObject& arguments, FrameModels& models);

} // namespace pulsar
