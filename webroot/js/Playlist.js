// A TV playlist: shows its boards one after another, each for the rotation time, round and
// round. Only the board shown has tiles (BoardPage tears the previous one down), and the one
// live socket of the page serves them all, so a screen can run it for days.
/**
 * `playlist` is parsePlaylist's answer; show(id) shows a board and resolves with whether it
 * exists. start() shows the first (resolving once it is shown); stop() ends the rotation.
 */
export function Playlist({ boards, rotateMs }, { show, announce, t }) {
  let index = 0;
  let timer = null;

  async function showAt(at) {
    index = at;
    document.documentElement.dataset.playlistBoard = boards[index];
    const found = await show(boards[index]);
    announce(t('playlistPosition', { n: index + 1, count: boards.length }));
    return found;
  }

  return {
    /** Shows the first board and starts the rotation; resolves once the first is shown. */
    start() {
      if (boards.length > 1) {
        timer = setInterval(() => showAt((index + 1) % boards.length), rotateMs);
      }
      return showAt(0);
    },

    stop() {
      clearInterval(timer);
      timer = null;
    }
  };
}
