#!/usr/bin/python3
"""What classical learners reach on a labelled split, as a check on whether
an accuracy target is within reach of bag-of-n-grams features at all:
TF-IDF (character n-grams within word boundaries plus word n-grams,
sublinear tf) with LinearSVC over a few settings, an MLP with one hidden
layer on the same features, and cosine k-nearest neighbours.

Usage: bench/classical_ceiling.py TRAIN.tsv TEST.tsv [--skip-mlp]

Use it on a split of training data (bench/split_holdout.py), never on a
file kept for measuring: its figures are for choosing what to try.
"""
import argparse
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from compare_peers import read_tsv


def texts_and_labels(path):
    labels, texts = zip(*read_tsv(path))
    return list(texts), np.array(labels)


def features(char_max, word_max, min_df=1):
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, char_max), sublinear_tf=True, min_df=min_df),
        TfidfVectorizer(ngram_range=(1, word_max), sublinear_tf=True))


def score(name, model, train, train_labels, test, test_labels):
    start = time.time()
    model.fit(train, train_labels)
    accuracy = float(np.mean(model.predict(test) == test_labels))
    print(f"{name:<44} accuracy {accuracy:.4f}  ({time.time() - start:.0f} s)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--skip-mlp", action="store_true", help="leave out the MLP (minutes on two cores)")
    args = parser.parse_args()
    train_texts, train_labels = texts_and_labels(args.train)
    test_texts, test_labels = texts_and_labels(args.test)

    for char_max, word_max, c in [(4, 2, 1.0), (4, 2, 0.5), (5, 2, 1.0), (5, 2, 2.0), (5, 3, 0.5)]:
        vectoriser = features(char_max, word_max)
        train, test = vectoriser.fit_transform(train_texts), vectoriser.transform(test_texts)
        score(f"LinearSVC C={c}, chars 1-{char_max}, words 1-{word_max}", LinearSVC(C=c), train, train_labels, test,
              test_labels)

    vectoriser = features(4, 2, min_df=2)
    train, test = vectoriser.fit_transform(train_texts), vectoriser.transform(test_texts)
    if not args.skip_mlp:
        mlp = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-4, max_iter=30, random_state=1)
        score("MLP, one hidden layer of 256", mlp, train, train_labels, test, test_labels)
    for k in (5, 10):
        knn = KNeighborsClassifier(n_neighbors=k, metric="cosine", weights="distance")
        score(f"kNN k={k}, cosine", knn, train, train_labels, test, test_labels)


if __name__ == "__main__":
    main()
