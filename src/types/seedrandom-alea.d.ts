/** Types of seedrandom's Alea module (`seedrandom/lib/alea.js`), which `@types/seedrandom` types only as `seedrandom.alea`. */
declare module 'seedrandom/lib/alea.js' {
  /** Alea (Baagøe 2010) seeded with `seed`: a function returning uniform deviates in [0, 1). */
  const alea: (seed?: string) => () => number;
  export default alea;
}
