"""The PyTorch side of ./tricks bench: one process measures one thing and prints `key value` lines.

Mirrors org.bagoftricks.cli.Bench: the same training step (forward in training mode,
soft-target cross entropy, the loss and top-1 hits read back, backward, SGD with Nesterov
momentum 0.9 and weight decay 1e-4, gradients cleared) on synthetic data of the same shape, and
the same augmentations with torchvision's transforms on the same PNG files.
"""
import argparse
import os
import sys
import time


def peak_kb(key="VmHWM:"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return -1


def build_model(name, width, classes):
    import torch.nn as nn
    from torchvision.models import resnet

    small = name.startswith("cifar_")
    base = name[len("cifar_"):] if small else name
    depth = int(base[len("resnet"):])
    block, layers = {
        18: (resnet.BasicBlock, [2, 2, 2, 2]),
        34: (resnet.BasicBlock, [3, 4, 6, 3]),
        50: (resnet.Bottleneck, [3, 4, 6, 3]),
    }[depth]
    if not small and width == 1:
        return resnet.ResNet(block, layers, num_classes=classes)

    def scaled(c):
        return max(1, int(round(c * width)))

    class ScaledResNet(resnet.ResNet):
        """torchvision's ResNet with every channel count scaled and, for 32 px, a 3x3 stride-1
        stem without max-pool (the library's `cifar_` form). Blocks come from torchvision."""

        def __init__(self):
            nn.Module.__init__(self)
            self._norm_layer = nn.BatchNorm2d
            self.inplanes = scaled(64)
            self.dilation = 1
            self.groups = 1
            self.base_width = 64
            if small:
                self.conv1 = nn.Conv2d(3, self.inplanes, 3, 1, 1, bias=False)
                self.maxpool = nn.Identity()
            else:
                self.conv1 = nn.Conv2d(3, self.inplanes, 7, 2, 3, bias=False)
                self.maxpool = nn.MaxPool2d(3, 2, 1)
            self.bn1 = nn.BatchNorm2d(self.inplanes)
            self.relu = nn.ReLU(inplace=True)
            self.layer1 = self._make_layer(block, scaled(64), layers[0])
            self.layer2 = self._make_layer(block, scaled(128), layers[1], stride=2)
            self.layer3 = self._make_layer(block, scaled(256), layers[2], stride=2)
            self.layer4 = self._make_layer(block, scaled(512), layers[3], stride=2)
            self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
            self.fc = nn.Linear(scaled(512) * block.expansion, classes)

    return ScaledResNet()


def train_step(a):
    import torch
    import torch.nn.functional as F

    torch.manual_seed(1)
    model = build_model(a.model, a.width, a.classes)
    model.train()
    print("params", sum(p.numel() for p in model.parameters()))
    print("threads", torch.get_num_threads(), torch.get_num_interop_threads())
    print("torch", torch.__version__)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=1e-4)
    g = torch.Generator().manual_seed(7)
    x = torch.rand(a.batch_size, 3, a.image_size, a.image_size, generator=g) * 4 - 2
    labels = torch.randint(0, a.classes, (a.batch_size,), generator=g)
    targets = F.one_hot(labels, a.classes).float()
    for s in range(a.warmup + a.steps):
        t0, c0 = time.perf_counter(), time.process_time()
        logits = model(x)
        loss = -(F.log_softmax(logits, 1) * targets).sum(1).mean()
        lv = loss.item()
        if lv != lv:
            raise SystemExit(f"loss {lv} at step {s}")
        opt.zero_grad()
        loss.backward()
        (logits.detach().argmax(1) == labels).sum().item()
        opt.step()
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        if s >= a.warmup:
            print(f"step {dt:.6f} {peak_kb('VmRSS:')} {cpu:.6f}", flush=True)
    print("hwm_kb", peak_kb())


class Lighting:
    """AlexNet-style PCA lighting noise (torchvision has none), as in its reference scripts of old."""

    def __init__(self, std):
        import torch
        self.std = std
        self.eigval = torch.tensor([0.2175, 0.0188, 0.0045])
        self.eigvec = torch.tensor([[-0.5675, 0.7192, 0.4009],
                                    [-0.5808, -0.0045, -0.8140],
                                    [-0.5836, -0.6948, 0.4203]])

    def __call__(self, img):
        import torch
        alpha = torch.randn(3) * self.std
        rgb = (self.eigvec * alpha * self.eigval).sum(1)
        return img + rgb.view(3, 1, 1)


def augment(a):
    import torch
    from PIL import Image
    from torchvision import transforms as T

    torch.set_num_threads(1)
    files = sorted(f for f in os.listdir(a.images) if f.endswith(".png"))
    images = []
    for f in files:
        with Image.open(os.path.join(a.images, f)) as im:
            images.append(im.convert("RGB"))
    mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
    if a.preset == "imagenet":
        # The paper's §2 steps with torchvision: crop 8-100% and 3/4-4/3, flip, brightness and
        # saturation x U[0.6, 1.4], hue (torchvision shifts hue rather than scaling it), PCA
        # lighting, normalization.
        t = T.Compose([T.RandomResizedCrop(a.image_size, scale=(0.08, 1.0)), T.RandomHorizontalFlip(),
                       T.ColorJitter(brightness=0.4, saturation=0.4, hue=0.1), T.ToTensor(), Lighting(0.1),
                       T.Normalize(mean, std)])
    elif a.preset == "imagenet-basic":
        # torchvision's own ImageNet training transform: crop, flip, normalize (no colour steps).
        t = T.Compose([T.RandomResizedCrop(a.image_size), T.RandomHorizontalFlip(), T.ToTensor(),
                       T.Normalize(mean, std)])
    elif a.preset == "small-image":
        t = T.Compose([T.RandomCrop(a.image_size, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                       T.Normalize(mean, std)])
    else:
        raise SystemExit("unknown preset " + a.preset)

    def run_for(seconds):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for im in images:
                t(im)
                n += 1
        return n / (time.perf_counter() - start)

    run_for(min(2.0, a.seconds))
    for _ in range(a.rounds):
        print(f"aug {a.preset} {run_for(a.seconds):.2f}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--what", required=True)
    p.add_argument("--model", default="cifar_resnet18")
    p.add_argument("--width", type=float, default=0.25)
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--interop-threads", type=int, default=1)
    p.add_argument("--preset", default="imagenet")
    p.add_argument("--images")
    p.add_argument("--seconds", type=float, default=3)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.interop_threads)
    if a.what == "train-step":
        train_step(a)
    elif a.what == "augment":
        augment(a)
    else:
        raise SystemExit("--what must be train-step or augment")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
