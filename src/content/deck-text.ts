/**
 * Every static word of the deck that a presenter may want to change: the
 * title, the authors, the labels of the pipeline diagram, and speaker notes
 * for each scene. Plain typed data, no imports: edit the words here and the
 * scenes, the presenter view and the print layout all follow.
 */

/** One author line on the title scene. */
export interface Author {
  readonly name: string;
  /** Affiliation or role, shown muted beside the name. */
  readonly affiliation?: string;
}

/** The title scene's words. */
export interface TitleText {
  readonly title: string;
  readonly subtitle: string;
  readonly authors: readonly Author[];
  /** Event, place or date line under the authors; empty to leave it out. */
  readonly occasion: string;
  /** Labels of the live strip along the bottom of the title scene. */
  readonly strip: {
    readonly hostsOnline: string;
    readonly episodesStored: string;
    readonly detections: string;
    readonly source: string;
  };
}

export const TITLE_TEXT: TitleText = {
  title: 'Malware-phase detection fleet',
  subtitle: 'Telling the phases of an infection apart, live, from host telemetry',
  authors: [
    { name: 'Fleet research team', affiliation: 'detection engineering' },
    { name: 'Collection & labelling', affiliation: 'telemetry platform' },
  ],
  occasion: 'A live deck: every number on these scenes arrives as an event',
  strip: {
    hostsOnline: 'hosts online',
    episodesStored: 'episodes stored',
    detections: 'detections so far',
    source: 'events from',
  },
};

/** The stages of the pipeline diagram, in flow order. */
export const STACK_STAGES = ['hosts', 'collector', 'store', 'training', 'inference', 'bus', 'deck'] as const;
export type StackStage = (typeof STACK_STAGES)[number];

/** One box of the pipeline diagram. */
export interface StackNodeText {
  /** Bold first line. */
  readonly title: string;
  /** Up to three short lines under the title. */
  readonly lines: readonly string[];
}

/** The pipeline diagram's words. */
export interface StackText {
  readonly heading: string;
  readonly caption: string;
  readonly nodes: Readonly<Record<StackStage, StackNodeText>>;
  /**
   * What flows along the arrow that leaves each stage (the last stage has
   * no outgoing arrow, so it has no label).
   */
  readonly flows: Readonly<Record<Exclude<StackStage, 'deck'>, string>>;
  /** The box that explains the labels (not a stage; no arrows). */
  readonly labelsBox: { readonly title: string };
  /** Shown in the bus box in front of the live source label. */
  readonly sourcePrefix: string;
}

export const STACK_TEXT: StackText = {
  heading: 'The pipeline',
  caption: 'From host telemetry to a classified window on this screen',
  nodes: {
    hosts: { title: 'Fleet hosts', lines: ['telemetry agents', 'malware profiles run', 'phase after phase'] },
    collector: {
      title: 'Collector',
      lines: ['samples at 10 Hz', '10-second windows', 'one episode per run'],
    },
    store: {
      title: 'Episode store',
      lines: ['labelled episodes', 'a phase per window', 'train / test splits'],
    },
    training: { title: 'Training', lines: ['sequence models'] },
    inference: { title: 'Inference', lines: ['local CPU', 'or a remote GPU', 'window by window'] },
    bus: { title: 'Event bus', lines: ['JSON events over', 'WebSocket or replay'] },
    deck: { title: 'This deck', lines: ['fourteen live scenes', 'every event validated'] },
  },
  flows: {
    hosts: 'telemetry',
    collector: 'episodes',
    store: 'labelled windows',
    training: 'weights',
    inference: 'detections',
    bus: 'events',
  },
  labelsBox: { title: 'Labelled phases' },
  sourcePrefix: 'now:',
};

/** The search box over a long list of hosts (the hosts and live scenes). */
export const HOST_FILTER_TEXT = {
  placeholder: 'Filter: host id, profile or phase',
  label: 'Filter hosts by id, profile or phase',
} as const;

/** Headings, captions and labels of the scenes, so words stay out of components. */
export const SCENE_TEXT = {
  collect: {
    heading: 'Collection at work',
    rate: 'samples / s across the fleet',
    recording: 'Recording now',
    mostRecent: 'most recent',
    ticker: 'Just stored',
    noRecording: 'No episode is recording right now.',
  },
  hosts: {
    heading: 'The fleet',
    online: 'online',
    offline: 'offline',
    episodes: (n: number) => (n === 1 ? 'episode' : 'episodes'),
    lastSeen: 'last seen',
    byPhase: 'Hosts by phase',
    byProfile: 'Hosts by profile',
    map: 'Every host',
    offlineFirst: 'Hosts, offline first',
    hosts: (n: number) => (n === 1 ? 'host' : 'hosts'),
    unknown: 'unknown',
    phaseUnknown: 'phase unknown',
    mapNote: 'one square per host in its phase colour · hollow: offline · hover for details',
  },
  db: {
    heading: 'The episode store',
    totals: { episodes: 'episodes', windows: 'windows', samples: 'samples', size: 'on disk' },
    perPhase: 'Labelled windows per phase',
    perPhaseFromMix: 'Phase mix (no per-phase counts in the snapshot yet)',
    /** The list's heading, saying how many completed episodes it shows. */
    lastEpisodes: (shown: number) =>
      shown === 1 ? 'The one completed episode so far' : `Last ${shown} completed episodes`,
    noEpisodes: 'No completed episode yet.',
  },
  baseline: {
    heading: 'Phase baseline',
    caption: 'Share of each phase over the last five minutes, by arrival time',
    fromMix: 'Mix set directly by the producer',
    agedOut: 'No phase events in the last five minutes: the baseline has aged out.',
    history: 'The last five minutes',
    now: 'now',
  },
  attacks: {
    heading: 'Attack profiles',
    caption: 'profiles · each curve scaled to its own peak',
    peak: 'peak',
  },
  chunking: {
    heading: 'Chunking an episode',
    lead: '60 seconds of host telemetry, cut into six 10-second windows; each window is classified on its own.',
    episode: 'episode',
    predicted: 'predicted',
    truth: 'ground truth',
    agree: 'windows agree with the ground truth',
    noTruth: 'no ground truth for this episode yet',
    mismatch: 'prediction disagrees',
    stale: 'earlier episode',
    waiting: 'waiting',
    noPrediction: 'no prediction yet',
    unknown: 'unknown',
  },
  models: {
    heading: 'Model accuracy',
    caption: 'held-out windows · latest metric per model',
    best: 'best',
  },
  'training-code': {
    heading: 'The training loop',
    language: 'PyTorch',
    keyLines: 'Key lines',
  },
  knn: {
    heading: 'Embedding space',
    resetView: 'Reset view',
    hint: 'drag to orbit · scroll to zoom · right-drag to pan',
    agreement: 'Predicted = truth',
    colorBy: 'Colour by',
    legend: 'Legend',
  },
  perf: {
    heading: 'Accuracy against cost',
    frontier: 'on the Pareto frontier',
    dominated: 'dominated: another model is faster and more accurate',
    frontierLabel: 'Pareto frontier',
  },
  live: {
    heading: 'Live detections',
    hitRate: 'hit rate',
    perSecond: 'detections/s',
    modelBadge: 'model of the latest detection that named one',
    truthPending: 'truth pending',
    truthDisagrees: 'truth disagrees',
    latest: 'latest',
    actualPending: 'actual pending',
    confident: 'confident',
    focusList: 'Hosts, trouble first; arrow keys move the focus',
    noMatch: 'No host matches the filter.',
  },
  references: {
    heading: 'References',
  },
} as const;

/** Words of the deck's shell and the presenter view (announcements, notices, labels). */
export const SHELL_TEXT = {
  sceneOf: (n: number, of: number, title: string) => `Scene ${n} of ${of}: ${title}`,
  theme: { dark: 'Dark theme', light: 'Light theme' },
  overview: 'All scenes',
  keys: 'Keys',
  /** The help overlay's label for assistive technology. */
  keysLabel: 'Keyboard help',
  /** What each key does, in the help overlay; the keys themselves are bound in `src/deck/keymap.ts`. */
  keyHelp: {
    next: 'next scene',
    previous: 'previous scene',
    ends: 'first / last scene',
    jump: 'jump to that scene',
    overview: 'overview of all scenes',
    fullscreen: 'fullscreen',
    diagnostics: 'diagnostics',
    simulator: 'simulator controls',
    presenter: 'presenter view (notes, next scene, timer)',
    theme: 'light / dark theme',
    pause: 'pause / resume the data (timeline while paused)',
    step: 'while paused: 10 s back / forward',
    mark: 'bookmark this scene and moment',
    help: 'this help',
    swipe: 'next / previous (touch)',
  },
  jump: 'go to',
  /** The tooltip of the source badge in the corner. */
  source: 'event source',
  presenter: {
    notHere: 'The presenter view opens from the deck’s own page (or set presenter-href on this deck).',
    opened: 'Presenter view opened in another window',
    blocked: 'The browser blocked the presenter window: use the link to open it',
    link: 'Open the presenter view',
    dismiss: 'Dismiss',
    deckConnected: 'Deck window connected',
    deckDisconnected: 'Deck window disconnected',
    connected: 'deck window connected',
    waiting: 'waiting for the deck window (press p there)',
    end: 'End of the deck',
    notes: 'Notes',
    noNotes: 'No notes for this scene.',
    current: 'Current scene',
    now: 'Now',
    nextScene: 'Next scene',
    next: 'Next',
    speakerNotes: 'Speaker notes',
    scenes: 'Scenes',
    previous: 'Previous',
    /** The key reminder along the bottom, between the keys it names. */
    keys: {
      move: 'move both windows',
      number: 'number +',
      jumps: 'jumps',
      theme: 'theme',
      pause: 'pause',
      mark: 'mark',
    },
  },
  /** The presenter's talk timer. */
  timer: {
    elapsed: 'elapsed',
    paused: 'paused',
    remaining: 'remaining',
    overBy: 'over by',
    overTime: 'over time',
    pause: 'Pause',
    resume: 'Resume',
    reset: 'Reset',
    length: 'length',
    minutes: 'min',
  },
  /** Time control: the bar while paused, the badge's button, notices, the presenter's time panel. */
  time: {
    bar: 'Time control',
    pause: 'Pause',
    resume: 'Resume',
    badgePause: 'Pause (.)',
    badgeResume: 'Resume (.)',
    playing: 'playing',
    live: 'live',
    recordingMoment: 'Moment of the recording shown',
    moment: 'Moment shown',
    recording: 'recording',
    last: (span: string) => `last ${span}`,
    goLive: 'Live',
    mark: 'Mark',
    finished: 'Replay finished. The timeline is open to go back.',
    paused: 'Paused: the scenes hold still. The timeline goes back in time; press . to resume.',
    resumed: 'Resumed: the scenes are live again.',
    marked: (scene: string, moment: string) => `Marked ${scene} at ${moment}`,
    beforeReload:
      'That moment was on the deck before a reload: its history is gone (the scene is shown now).',
    tooOld: 'That moment is older than the history kept (the scene is shown now).',
    panel: 'Time',
    waiting: 'The deck window’s timeline shows here once it is connected.',
    bookmarks: 'Bookmarks',
    bookmarksKey: 'Bookmarks (m)',
    noMarks: 'No marks yet: press m (here or in the deck) to mark the scene and moment.',
    jump: 'Jump',
    link: 'link',
    remove: (mark: string) => `Remove the mark ${mark}`,
  },
  simulator: {
    heading: 'Simulator',
    seed: 'Seed',
    hosts: 'Hosts',
    accuracy: 'Model accuracy',
    rate: 'Speed',
    apply: 'Apply and restart',
    close: 'Close',
    note: 'Settings go into the URL, so the same fleet can be shared and replayed.',
  },
  print: 'Print / save as PDF',
} as const;

/**
 * Speaker notes per scene, keyed by the scene's slug (the same slugs as the
 * deck's URL hash). The presenter view shows these beside the live scene.
 */
export const SPEAKER_NOTES = {
  title:
    'Welcome. Everything on these scenes is live: the strip along the bottom counts hosts, stored episodes and detections as the events arrive. Point at the source label — today it is the simulator, on the day it is the fleet.',
  stack:
    'The pipeline in one picture. Hosts run malware profiles under a telemetry agent; the collector cuts the stream into labelled episodes; the store feeds training; the winning models classify live windows and publish events that this deck draws.',
  collect:
    'Collection at work. The big number is fleet-wide samples per second. Each row is the episode a host is recording now, its labelled phase spans growing as windows close. On the right, the episodes that were just stored.',
  hosts:
    'The fleet, one card per host: whether it is online, the phase it is in now, the profile it runs, how many episodes it has given us, and when we last heard from it. The grid stays on one screen even for two hundred hosts.',
  db: 'The episode store: totals, how many labelled windows each phase has — note the imbalance, infected-running dominates — and the last ten episodes with their phase strips.',
  baseline:
    'The baseline: what share of time the fleet spends in each phase, over a rolling five minutes. This is the prior a classifier has to beat. If the feed stops, the bar empties rather than freezing.',
  attacks:
    'Each malware profile has its own shape of activity; each sparkline is scaled to its own peak so the shapes compare, not the magnitudes.',
  chunking:
    'An episode is cut into six ten-second windows. Each cell is painted by the predicted phase; the strip beneath is the ground truth; hatching marks disagreement.',
  models:
    'Accuracy per model on held-out windows, on a 0.5 to 1.0 scale. Sequence models beat the nearest-neighbour baseline; the transformer edges ahead.',
  'training-code':
    'The training loop, as it runs. The marked lines are the ones that matter: the windowing, the loss, and the early stop.',
  knn: 'The window features projected into three dimensions. Colour by ground truth, then by prediction, then by cluster: the phases separate, with a seam between infecting and infected-running.',
  perf: 'Accuracy against inference cost. Latency is on a log axis; the better corner is the upper left. The frontier shows which models are worth their cost.',
  live: 'The headline: live detections per host. Each cell is one window; hatching means the ground truth disagreed; faint cells are still waiting for their truth. The hit rate counts each judged cell once.',
  references: 'The references behind the work, numbered as cited.',
} as const satisfies Readonly<Record<string, string>>;

/** A slug that has speaker notes. */
export type NotedSlug = keyof typeof SPEAKER_NOTES;

/** The notes for a scene slug, or an empty string for a slug without notes. */
export function speakerNotes(slug: string): string {
  return Object.hasOwn(SPEAKER_NOTES, slug) ? SPEAKER_NOTES[slug as NotedSlug] : '';
}
