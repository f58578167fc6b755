/** The first script of every page (see environment.ts). */
import { installOffice } from './environment';

installOffice(window);
