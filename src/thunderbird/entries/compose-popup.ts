import { startPage } from './page';

startPage('compose');
