"""The peer of tests/bench/PulsarBench.cpp: the pulsar twin's networks (plugins/pulsar/ml/
PulsarNets.cpp: U-Net, classifier with the delay-graph, band and phase branches and one head per
label) rebuilt with torch.nn from pulsar_nets.json, with module names as in the C++ so the state
dict of the C++ archive (parameters and BatchNorm buffers, read by torch.jit.load) loads
strictly: the same networks with the same weights.

Usage: PulsarBench.py PULSAR_NETS_PT PULSAR_NETS_JSON FRAMES
Prints the frames per second of one pass over FRAMES random inputs in batches of 64 (as the
classify action batches), on one thread, masks included (classify writes them).
"""
import json
import sys
import time

import torch
import torch.nn as nn

weights, config, frames = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3])
torch.set_num_threads(1)
R, C = config["grid_phase_bins"], config["grid_channels"]
UW, DEPTH, CW = config["unet_width"], config["unet_depth"], config["classifier_width"]
D = config["delay_graph_cells"]
BATCH = 64


def block(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(True),
                         nn.Conv2d(o, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(True))


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        c = 2
        for level in range(DEPTH + 1):
            setattr(self, f"down{level}", block(c, UW << level))
            c = UW << level
        for level in range(DEPTH - 1, -1, -1):
            w = UW << level
            setattr(self, f"upsample{level}", nn.ConvTranspose2d(c, w, 2, stride=2))
            setattr(self, f"up{level}", block(2 * w, w))
            c = w
        self.head = nn.Conv2d(c, 1, 1)

    def forward(self, x):
        skips = []
        for level in range(DEPTH + 1):
            if level > 0:
                x = torch.max_pool2d(x, 2)
            x = getattr(self, f"down{level}")(x)
            skips.append(x)
        for i, level in enumerate(range(DEPTH - 1, -1, -1)):
            x = getattr(self, f"upsample{level}")(x)
            x = getattr(self, f"up{level}")(torch.cat([x, skips[-2 - i]], 1))
        return self.head(x)


class Side(nn.Module):
    def __init__(self, w, keep_order):
        super().__init__()
        self.keep_order = keep_order
        self.layers = nn.Sequential(
            nn.Conv1d(2, w, 5, padding=2, bias=False), nn.BatchNorm1d(w), nn.ReLU(True),
            nn.Conv1d(w, w, 5, padding=2, bias=False), nn.BatchNorm1d(w), nn.ReLU(True))

    def forward(self, x):
        f = self.layers(x)
        if self.keep_order:
            return torch.max_pool1d(f, 4).flatten(1)
        return torch.cat([f.amax(2), f.mean(2)], 1)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        w = CW
        widths, layers, i = [w, 2 * w, 4 * w, 4 * w], [], 3
        for stage in range(4):
            layers += [nn.Conv2d(i, widths[stage], 3, padding=1, bias=False),
                       nn.BatchNorm2d(widths[stage]), nn.ReLU(True)]
            if stage < 3:
                layers.append(nn.MaxPool2d(2))
            i = widths[stage]
        self.features = nn.Sequential(*layers)
        self.delay_graph, self.band, self.phase = Side(w, True), Side(w, False), Side(w, False)
        pooled = 8 * w + w * (D // 4) + 4 * w
        for label in range(3):
            setattr(self, f"head{label}",
                    nn.Sequential(nn.Linear(pooled, 32), nn.ReLU(True), nn.Linear(32, 1)))

    def forward(self, planes, mask, graph, band, phase):
        f = self.features(torch.cat([planes, mask], 1)).flatten(2)
        pooled = torch.cat([f.amax(2), f.mean(2), self.delay_graph(graph), self.band(band),
                            self.phase(phase)], 1)
        return torch.cat([getattr(self, f"head{label}")(pooled) for label in range(3)], 1)


net = nn.Module()
net.unet, net.classifier = UNet(), Classifier()
archive = torch.jit.load(weights)
state = dict(archive.named_parameters())
state.update(dict(archive.named_buffers()))
net.load_state_dict(state, strict=True)
net.eval()


def predict(x):
    n = x.shape[0]
    at = 2 * R * C
    planes = x[:, :at].reshape(n, 2, R, C)
    graph = x[:, at:at + 2 * D].reshape(n, 2, D)
    at += 2 * D
    band = x[:, at:at + 2 * C].reshape(n, 2, C)
    at += 2 * C
    phase = x[:, at:at + 2 * R].reshape(n, 2, R)
    mask = torch.sigmoid(net.unet(planes))
    return torch.sigmoid(net.classifier(planes, mask, graph, band, phase)), mask


inputs = torch.randn(frames, 2 * R * C + 2 * D + 2 * C + 2 * R)
with torch.inference_mode():
    predict(inputs[:BATCH])
    start = time.perf_counter()
    for first in range(0, frames, BATCH):
        predict(inputs[first:first + BATCH])
    print(frames / (time.perf_counter() - start))
