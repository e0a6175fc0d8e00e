/**
 * The references of the talk, shown numbered on the last scene (14) in this
 * order. A presenter adds, removes or reorders entries here; the scene fits a
 * longer list by flowing it into two columns and shrinking the type.
 */

/** One cited work. */
export interface Reference {
  /** As printed: "A. Author, B. Author" or "A. Author et al.". */
  readonly authors: string;
  readonly title: string;
  /** Journal, conference or publisher, with volume where it helps. */
  readonly venue: string;
  readonly year: number;
  /** Where to find it; shown as text on the slide. */
  readonly url: string;
}

/** Sequence models, malware behaviour, embeddings and the tools of this deck. */
export const REFERENCES: readonly Reference[] = [
  {
    authors: 'J. L. Elman',
    title: 'Finding Structure in Time',
    venue: 'Cognitive Science 14(2)',
    year: 1990,
    url: 'https://doi.org/10.1207/s15516709cog1402_1',
  },
  {
    authors: 'S. Hochreiter, J. Schmidhuber',
    title: 'Long Short-Term Memory',
    venue: 'Neural Computation 9(8)',
    year: 1997,
    url: 'https://doi.org/10.1162/neco.1997.9.8.1735',
  },
  {
    authors: 'K. Cho et al.',
    title: 'Learning Phrase Representations using RNN Encoder–Decoder for Statistical Machine Translation',
    venue: 'EMNLP',
    year: 2014,
    url: 'https://arxiv.org/abs/1406.1078',
  },
  {
    authors: 'J. Chung, C. Gulcehre, K. Cho, Y. Bengio',
    title: 'Empirical Evaluation of Gated Recurrent Neural Networks on Sequence Modeling',
    venue: 'NIPS Deep Learning Workshop',
    year: 2014,
    url: 'https://arxiv.org/abs/1412.3555',
  },
  {
    authors: 'A. Vaswani et al.',
    title: 'Attention Is All You Need',
    venue: 'NeurIPS',
    year: 2017,
    url: 'https://arxiv.org/abs/1706.03762',
  },
  {
    authors: 'J. Devlin, M.-W. Chang, K. Lee, K. Toutanova',
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    venue: 'NAACL-HLT',
    year: 2019,
    url: 'https://arxiv.org/abs/1810.04805',
  },
  {
    authors: 'T. Cover, P. Hart',
    title: 'Nearest Neighbor Pattern Classification',
    venue: 'IEEE Transactions on Information Theory 13(1)',
    year: 1967,
    url: 'https://doi.org/10.1109/TIT.1967.1053964',
  },
  {
    authors: 'J. Johnson, M. Douze, H. Jégou',
    title: 'Billion-scale Similarity Search with GPUs',
    venue: 'IEEE Transactions on Big Data 7(3)',
    year: 2021,
    url: 'https://arxiv.org/abs/1702.08734',
  },
  {
    authors: 'S. Forrest, S. A. Hofmeyr, A. Somayaji, T. A. Longstaff',
    title: 'A Sense of Self for Unix Processes',
    venue: 'IEEE Symposium on Security and Privacy',
    year: 1996,
    url: 'https://doi.org/10.1109/SECPRI.1996.502675',
  },
  {
    authors: 'R. Pascanu, J. W. Stokes, H. Sanossian, M. Marinescu, A. Thomas',
    title: 'Malware Classification with Recurrent Networks',
    venue: 'IEEE ICASSP',
    year: 2015,
    url: 'https://doi.org/10.1109/ICASSP.2015.7178304',
  },
  {
    authors: 'B. Kolosnjaji, A. Zarras, G. Webster, C. Eckert',
    title: 'Deep Learning for Classification of Malware System Call Sequences',
    venue: 'Australasian Joint Conference on Artificial Intelligence',
    year: 2016,
    url: 'https://doi.org/10.1007/978-3-319-50127-7_11',
  },
  {
    authors: 'M. Rhode, P. Burnap, K. Jones',
    title: 'Early-stage Malware Prediction Using Recurrent Neural Networks',
    venue: 'Computers & Security 77',
    year: 2018,
    url: 'https://doi.org/10.1016/j.cose.2018.05.010',
  },
  {
    authors: 'H. S. Anderson, P. Roth',
    title: 'EMBER: An Open Dataset for Training Static PE Malware Machine Learning Models',
    venue: 'arXiv',
    year: 2018,
    url: 'https://arxiv.org/abs/1804.04637',
  },
  {
    authors: 'B. E. Strom et al.',
    title: 'MITRE ATT&CK: Design and Philosophy',
    venue: 'The MITRE Corporation',
    year: 2018,
    url: 'https://attack.mitre.org/',
  },
  {
    authors: 'K. Deb, A. Pratap, S. Agarwal, T. Meyarivan',
    title: 'A Fast and Elitist Multiobjective Genetic Algorithm: NSGA-II',
    venue: 'IEEE Transactions on Evolutionary Computation 6(2)',
    year: 2002,
    url: 'https://doi.org/10.1109/4235.996017',
  },
  {
    authors: 'L. van der Maaten, G. Hinton',
    title: 'Visualizing Data using t-SNE',
    venue: 'Journal of Machine Learning Research 9',
    year: 2008,
    url: 'https://www.jmlr.org/papers/v9/vandermaaten08a.html',
  },
  {
    authors: 'D. Smilkov et al.',
    title: 'Embedding Projector: Interactive Visualization and Interpretation of Embeddings',
    venue: 'NIPS Workshop on Interpretable Machine Learning in Complex Systems',
    year: 2016,
    url: 'https://arxiv.org/abs/1611.05469',
  },
  {
    authors: 'L. McInnes, J. Healy, J. Melville',
    title: 'UMAP: Uniform Manifold Approximation and Projection for Dimension Reduction',
    venue: 'arXiv',
    year: 2018,
    url: 'https://arxiv.org/abs/1802.03426',
  },
  {
    authors: 'A. Paszke et al.',
    title: 'PyTorch: An Imperative Style, High-Performance Deep Learning Library',
    venue: 'NeurIPS',
    year: 2019,
    url: 'https://arxiv.org/abs/1912.01703',
  },
  {
    authors: 'I. Loshchilov, F. Hutter',
    title: 'Decoupled Weight Decay Regularization',
    venue: 'ICLR',
    year: 2019,
    url: 'https://arxiv.org/abs/1711.05101',
  },
  {
    authors: 'M. Bostock, V. Ogievetsky, J. Heer',
    title: 'D3: Data-Driven Documents',
    venue: 'IEEE Transactions on Visualization and Computer Graphics 17(12)',
    year: 2011,
    url: 'https://doi.org/10.1109/TVCG.2011.185',
  },
];
