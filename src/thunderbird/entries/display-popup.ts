import { startPage } from './page';

startPage('read');
