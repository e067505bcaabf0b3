/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Tile URL template such as `https://tiles.example/{z}/{x}/{y}.png`; unset means no tile layer. */
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
