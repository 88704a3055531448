// The review page: both parties' videos share one timeline (their files start at the same
// call-clock origin), so one control bar drives both. The first video is the leader; the other
// is pulled back into step when it drifts, because two media elements never stay in step alone.
(() => {
  "use strict";
  const videos = [...document.querySelectorAll('[data-testid="recording-video"]')];
  const play = document.querySelector('[data-testid="recording-play"]');
  const seek = document.querySelector('[data-testid="recording-seek"]');
  const clock = document.querySelector('[data-testid="recording-time"]');
  if (videos.length === 0 || !play || !seek) {
    return;
  }

  const leader = videos[0];
  const maxDrift = 0.08; // seconds; beyond this a follower is moved to the leader's time
  let seeking = false;

  const format = (t) => {
    const m = Math.floor(t / 60);
    const s = Math.floor(t % 60);
    return `${m}:${String(s).padStart(2, "0")}`;
  };

  const playing = () => !leader.paused && !leader.ended;

  async function playAll() {
    // Muted would be needed for autoplay; a click on Play is a user gesture, so sound stays on.
    await Promise.all(videos.map((v) => v.play().catch(() => undefined)));
    play.textContent = "Pause";
  }

  function pauseAll() {
    videos.forEach((v) => v.pause());
    play.textContent = "Play";
  }

  function seekAll(time) {
    videos.forEach((v) => {
      v.currentTime = Math.min(time, Number.isFinite(v.duration) ? v.duration : time);
    });
  }

  play.addEventListener("click", () => (playing() ? pauseAll() : playAll()));
  seek.addEventListener("input", () => {
    seeking = true;
    seekAll(Number(seek.value));
  });
  seek.addEventListener("change", () => {
    seeking = false;
  });

  leader.addEventListener("timeupdate", () => {
    if (!seeking) {
      seek.value = String(leader.currentTime);
    }

    clock.textContent = format(leader.currentTime);
    for (const follower of videos.slice(1)) {
      if (!follower.ended && Math.abs(follower.currentTime - leader.currentTime) > maxDrift) {
        follower.currentTime = leader.currentTime;
      }
    }
  });
  leader.addEventListener("ended", pauseAll);

  // The page's own API, for people with keyboards and for tests.
  window.recordingReview = { play: playAll, pause: pauseAll, seek: seekAll, videos };
})();
