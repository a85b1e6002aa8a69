import { render } from 'preact';
import { Brief } from './Brief';

const root = document.getElementById('app');
const personId = new URLSearchParams(location.search).get('person');
if (root) render(personId ? <Brief personId={personId} /> : <p class="state">No person given.</p>, root);
