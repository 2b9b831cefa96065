// The live module's public face: sessions and questions, participants and their answers, results and the archive.
// The rest of the hub reaches any of them through this file only.
export * from './sessions.js';
export * from './participation.js';
export * from './archive.js';
