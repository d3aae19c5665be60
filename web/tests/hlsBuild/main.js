// The page of hlsBuild.test.ts: hls.js as web/vite.config.mts builds it for the app, CMCD in query mode.
// Plain JavaScript: the test folder is typechecked without the DOM's types.
/* global document, window */
import Hls from 'hls.js';

const video = document.querySelector('video');
const hls = new Hls({ cmcd: { sessionId: 'probe-session', contentId: 'probe-show', useHeaders: false } });
window.fatal = [];
window.subtitleTracks = 0;
window.showCaptions = () => {
  hls.subtitleTrack = 0;
  hls.subtitleDisplay = true;
};
hls.on(Hls.Events.ERROR, (_event, data) => data.fatal && window.fatal.push(data.details));
hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, (_event, data) => (window.subtitleTracks = data.subtitleTracks.length));
hls.loadSource('/media/master.m3u8');
hls.attachMedia(video);
void video.play();
